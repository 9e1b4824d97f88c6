package dev.rekord.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) to ping, flush, inspect and stop a server, so this
 * module needs no client library. Not thread-safe: open one per use, they are cheap on loopback.
 */
final class RespConnection implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and, when a password is given, authenticates. */
    static RespConnection open(String host, int port, String password, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = Math.toIntExact(timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            RespConnection connection = new RespConnection(socket);
            if (password != null) {
                connection.call("AUTH", password);
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends a command and reads its reply: a {@code String} (simple or bulk), a {@code Long}, a
     * {@code List} of replies, or {@code null}.
     *
     * @throws RespErrorException when Redis answers with an error
     */
    Object call(String... command) throws IOException {
        send(command);
        return readReply();
    }

    /** Sends a command without waiting for a reply (SHUTDOWN closes the connection instead). */
    void send(String... command) throws IOException {
        StringBuilder request = new StringBuilder().append('*').append(command.length).append("\r\n");
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RespErrorException(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(Integer.parseInt(line));
            case '*':
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readReplyAllowingErrors());
                }
                return items;
            default:
                throw new IOException("Unexpected RESP reply type '" + (char) type + "'");
        }
    }

    private Object readReplyAllowingErrors() throws IOException {
        try {
            return readReply();
        } catch (RespErrorException e) {
            return e;
        }
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2); // payload plus CRLF
        if (bytes.length < length + 2) {
            throw new EOFException("Redis closed the connection mid-reply");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int current = in.read(); current != -1; current = in.read()) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
        throw new EOFException("Redis closed the connection mid-reply");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
