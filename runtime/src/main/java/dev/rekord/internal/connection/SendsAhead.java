package dev.rekord.internal.connection;

/**
 * A pipeline whose queued commands can be sent before their replies are read: the server works on
 * them while the caller does something else (decodes the batch before), and {@code sync()} then
 * reads them.
 */
interface SendsAhead {

  /** Sends every command queued so far without reading a reply. */
  void send();
}
