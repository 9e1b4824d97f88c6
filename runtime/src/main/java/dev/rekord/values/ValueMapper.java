package dev.rekord.values;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rekord.annotations.Storage;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.SerializationException;
import dev.rekord.internal.schema.ModelRegistry;
import dev.rekord.model.RekordModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns values into the text stored at a key and back. Strings are stored as they are; a record
 * with a generated model stored as JSON goes through its generated codec (the same document a
 * repository writes); every other type is JSON written by Jackson (java.time types as ISO-8601
 * text). Thread-safe; each type's form is looked up once.
 */
public final class ValueMapper {

  private final ObjectMapper json;
  private final Map<Class<?>, RekordModel<?, ?>> jsonModels;
  private final Map<ValueType<?>, TextForm<?>> forms = new ConcurrentHashMap<>();

  private ValueMapper(ObjectMapper json, List<RekordModel<?, ?>> models) {
    this.json = Objects.requireNonNull(json, "json");
    Map<Class<?>, RekordModel<?, ?>> byType = new HashMap<>();
    for (RekordModel<?, ?> model : models) {
      if (model.storage() == Storage.JSON) {
        byType.put(model.type(), model);
      }
    }
    this.jsonModels = Map.copyOf(byType);
  }

  /** Jackson with java.time support, and the generated codecs of the application's JSON models. */
  public static ValueMapper create() {
    return using(defaultObjectMapper());
  }

  /** {@code json} for values of types without a generated codec. */
  public static ValueMapper using(ObjectMapper json) {
    return new ValueMapper(json, ModelRegistry.load(Thread.currentThread().getContextClassLoader()));
  }

  /** The Jackson configuration {@link #create()} uses: java.time as ISO-8601 text. */
  public static ObjectMapper defaultObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * The stored text of {@code value}.
   *
   * @throws SerializationException when the value cannot be written
   */
  public <T> String write(ValueType<T> type, T value) {
    Objects.requireNonNull(value, "value must not be null");
    return form(type).write(value);
  }

  /**
   * Reads what {@link #write} stored at {@code key}.
   *
   * @throws DeserializationException naming the key and the type when the text does not fit
   */
  public <T> T read(ValueType<T> type, String key, String text) {
    return form(type).read(key, text);
  }

  @SuppressWarnings("unchecked") // forms maps each type to a form of that type
  private <T> TextForm<T> form(ValueType<T> type) {
    return (TextForm<T>) forms.computeIfAbsent(type, this::formFor);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private TextForm<?> formFor(ValueType<?> type) {
    if (type.type() == String.class) {
      return new TextForm<String>() {
        @Override
        public String write(String value) {
          return value;
        }

        @Override
        public String read(String key, String text) {
          return text;
        }
      };
    }
    RekordModel<?, ?> model = type.type() instanceof Class<?> c ? jsonModels.get(c) : null;
    if (model != null) {
      return new ModelForm(model);
    }
    return new JacksonForm<>(json, json.getTypeFactory().constructType(type.type()), type.toString());
  }

  /** One type's stored form. */
  private interface TextForm<T> {
    String write(T value);

    T read(String key, String text);
  }

  /** A model's generated JSON codec: no reflection. */
  private record ModelForm<T>(RekordModel<T, ?> model) implements TextForm<T> {
    @Override
    public String write(T value) {
      return model.codec().toJson(value);
    }

    @Override
    public T read(String key, String text) {
      try {
        return model.codec().fromJson(key, text);
      } catch (DeserializationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new DeserializationException(key, model.name(), null, String.valueOf(e.getMessage()), e);
      }
    }
  }

  private record JacksonForm<T>(ObjectMapper json, JavaType javaType, String name) implements TextForm<T> {
    @Override
    public String write(T value) {
      try {
        return json.writerFor(javaType).writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new SerializationException(name, path(e), e.getOriginalMessage(), e);
      }
    }

    @Override
    public T read(String key, String text) {
      try {
        return json.readValue(text, javaType);
      } catch (JsonProcessingException e) {
        throw new DeserializationException(key, name, path(e), e.getOriginalMessage(), e);
      } catch (RuntimeException e) {
        // A record's compact constructor rejected the values.
        throw new DeserializationException(key, name, null, String.valueOf(e.getMessage()), e);
      }
    }

    private static String path(JsonProcessingException e) {
      if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        return mapping.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
            .collect(Collectors.joining("."));
      }
      return null;
    }
  }
}
