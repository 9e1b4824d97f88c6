/**
 * What the annotation processor generates for each model, as the runtime sees it: {@link
 * dev.rekord.model.RekordModel} (name, key prefix, id handling, codec) and its {@link
 * dev.rekord.model.IndexDefinition}. For generated code and tools; applications use the generated
 * repositories instead.
 */
package dev.rekord.model;
