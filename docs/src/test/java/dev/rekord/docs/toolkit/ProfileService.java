package dev.rekord.docs.toolkit;

// tag::service[]
import dev.rekord.annotations.Cached;
import java.util.List;

public interface ProfileService {

  record Profile(String id, String name) {}

  @Cached(name = "profiles", ttl = "PT10M")
  Profile profile(String id);

  @Cached(name = "profiles", ttl = "PT1M")
  List<Profile> search(String city, int page);

  void rename(String id, String name); // not cached: the decorator delegates
}
// end::service[]
