/**
 * Encoding of records to Redis hashes and JSON documents and back, called by generated codecs:
 * straight-line code over {@link dev.rekord.codec.HashWriter}/{@link dev.rekord.codec.HashReader}
 * and {@link dev.rekord.codec.JsonWriter}/{@link dev.rekord.codec.JsonReader}, with {@link
 * dev.rekord.codec.ValueCodecs} for single values. For generated code; not called by applications.
 */
package dev.rekord.codec;
