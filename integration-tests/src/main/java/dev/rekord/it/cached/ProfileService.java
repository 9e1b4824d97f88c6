package dev.rekord.it.cached;

import dev.rekord.annotations.Cached;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A slow service whose results are cached by the generated {@code ProfileServiceCached}. */
public interface ProfileService {

  enum Tier { FREE, PAID }

  record Filter(String city, List<Tier> tiers) {}

  record Profile(String id, String name, int version) {}

  @Cached(name = "profiles", ttl = "PT10M")
  Profile profile(String id);

  @Cached(name = "profiles", ttl = "PT1M")
  List<Profile> search(Filter filter, int page, Map<String, Long> weights, UUID tenant, LocalDate day);

  @Cached(name = "counts", ttl = "P1D")
  long count(Tier tier);

  void rename(String id, String name);
}
