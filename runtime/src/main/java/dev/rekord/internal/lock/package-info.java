/** Per-document locks with leases and fencing tokens: the scripts behind {@link dev.rekord.DocumentLock}. */
package dev.rekord.internal.lock;
