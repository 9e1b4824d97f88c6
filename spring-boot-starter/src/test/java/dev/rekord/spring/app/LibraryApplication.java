package dev.rekord.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot application using Rekord through the starter. */
@SpringBootApplication
public class LibraryApplication {}
