package dev.rekord.spring.app;

import java.util.List;
import org.springframework.stereotype.Component;

/** An application service that has the generated repository injected. */
@Component
public class BookShelf {
  private final BookRepository books;

  public BookShelf(BookRepository books) {
    this.books = books;
  }

  public Book shelve(String author, String title) {
    return books.save(new Book(null, author, title));
  }

  public List<Book> by(String author) {
    return books.find(Book_.author.eq(author)).list();
  }
}
