package dev.rekord.docs.updates;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Version;

/** The versioned model of updates.md. */
// tag::model[]
@RedisModel
public record Account(@Id String id, @Version long version, String owner, @Numeric long balance) {}
// end::model[]
