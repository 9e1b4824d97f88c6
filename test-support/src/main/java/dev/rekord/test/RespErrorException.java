package dev.rekord.test;

import java.io.IOException;

/** An error reply from Redis, such as {@code NOAUTH Authentication required.} */
final class RespErrorException extends IOException {

    private static final long serialVersionUID = 1L;

    RespErrorException(String reply) {
        super(reply);
    }
}
