package dev.rekord.processor.model;

import java.util.Optional;

/**
 * One record component (of the model, or of an embedded record).
 *
 * @param name the component's name, which is also its accessor: {@code joinDate}
 * @param storedName the name it is stored under ({@code @FieldName}, else {@code name}); for an
 *     embedded record's component this is the segment only, not the dotted path
 * @param type what the value is
 * @param index how it is indexed, if it is
 * @param id whether it is the model's {@code @Id}
 * @param version whether it is the model's {@code @Version}
 */
public record Property(
    String name, String storedName, ValueType type, Optional<IndexSpec> index, boolean id, boolean version) {}
