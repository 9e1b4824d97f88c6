package dev.rekord.docs.modelling;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;

// tag::model[]
@RedisModel
public record Ticket(@Id Long number, String subject) {}
// end::model[]
