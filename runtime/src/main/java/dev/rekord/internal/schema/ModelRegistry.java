package dev.rekord.internal.schema;

import dev.rekord.model.RekordModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The models compiled into the application, found through their generated registrations. */
public final class ModelRegistry {
  private ModelRegistry() {}

  /** Every registered model visible to {@code loader}, sorted by key prefix. */
  @SuppressWarnings("rawtypes")
  public static List<RekordModel<?, ?>> load(ClassLoader loader) {
    List<RekordModel<?, ?>> models = new ArrayList<>();
    for (RekordModel model : ServiceLoader.load(RekordModel.class, loader)) {
      models.add(model);
    }
    models.sort(Comparator.comparing(RekordModel::keyPrefix));
    return List.copyOf(models);
  }
}
