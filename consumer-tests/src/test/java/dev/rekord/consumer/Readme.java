package dev.rekord.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's README.md, and the fenced blocks that follow its markers. */
final class Readme {

    private final Path file;
    private final List<String> lines;

    private Readme(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static Readme read(Path file) {
        try {
            return new Readme(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of the fenced block after the line {@code marker} (blank lines between them
     * allowed), exactly as written, with a final newline.
     *
     * @throws IllegalStateException if the marker is missing, repeated, or not followed by a block
     */
    String blockAfter(String marker) {
        int at = lines.indexOf(marker);
        if (at < 0 || lines.lastIndexOf(marker) != at) {
            throw new IllegalStateException(file + " must hold the line '" + marker + "' exactly once");
        }
        int open = at + 1;
        while (open < lines.size() && lines.get(open).isBlank()) {
            open++;
        }
        if (open == lines.size() || !lines.get(open).startsWith("```")) {
            throw new IllegalStateException(file + ":" + (at + 1) + ": no fenced block after '" + marker + "'");
        }
        StringBuilder block = new StringBuilder();
        for (int i = open + 1; i < lines.size(); i++) {
            if (lines.get(i).equals("```")) {
                return block.toString();
            }
            block.append(lines.get(i)).append('\n');
        }
        throw new IllegalStateException(file + ":" + (open + 1) + ": the block is never closed");
    }
}
