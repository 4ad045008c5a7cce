package dev.chainrule.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading the files users name (specs, worked steps) and writing the files they ask for, with the limits of the
 * README's "Limits and errors": only regular files are read (a FIFO or a device could block or never end), at most
 * a given number of bytes, and only text (no NUL byte, valid UTF-8). Failures are one {@link Refused} reason each,
 * which the caller prefixes with the file name once.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** Why a file cannot be used; the message is the reason only, without the file name. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The UTF-8 text of {@code file}.
     *
     * @param limit how the limit is described after "more than the limit of", e.g. "1,000,000 (1 MB) for --steps"
     * @throws Refused with a one-line reason when the file is missing, not a regular file, too large or not text
     */
    public static String read(Path file, long maxBytes, String limit) throws Refused {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused("no such file");
        } catch (IOException e) {
            throw new Refused("cannot read the file (" + reason(e) + ")");
        }
        if (attrs.isDirectory()) {
            throw new Refused("is a directory, not a text file");
        }
        if (!attrs.isRegularFile()) {
            throw new Refused("is not a regular file (a pipe, FIFO, socket or device is not read); save the text to a file first");
        }
        if (attrs.size() > maxBytes) {
            throw new Refused(String.format("the file has %,d bytes, more than the limit of %s", attrs.size(), limit));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new Refused("cannot read the file (" + reason(e) + ")");
        }
        if (bytes.length > maxBytes) {
            throw new Refused(String.format("the file has more than %,d bytes, the limit of %s", maxBytes, limit));
        }
        return text(bytes);
    }

    /** {@code bytes} as UTF-8 text, refused when it has a NUL byte or is not valid UTF-8 (a binary file). */
    public static String text(byte[] bytes) throws Refused {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new Refused("is not a text file (a NUL byte at offset " + i + ")");
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return d.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("is not UTF-8 text (an invalid byte sequence near offset " + in.position() + ")");
        }
    }

    /** An I/O failure's reason without the path Java puts in front of it ("permission denied", not the path again). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f) {
            String r = f.getReason();
            if (r != null && !r.isBlank()) {
                return r.strip();
            }
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    /** Text written to a writer piece by piece ({@link #write(Path, Text)}). */
    @FunctionalInterface
    public interface Text {
        void write(java.io.Writer out) throws IOException;
    }

    /**
     * Writes what {@code text} writes to {@code file} as UTF-8, through a buffer (a large document is never held
     * whole); a failure to write is a {@link Refused} naming the reason once. When {@code text} itself fails (an
     * exception other than the writer's), the partial file is deleted (a regular file; not a device or a link) and the
     * exception passed on.
     */
    public static void write(Path file, Text text) throws Refused {
        writable(file);
        java.io.Writer out;
        try {
            // as String.getBytes: characters that UTF-8 cannot encode become '?', not an error
            out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new Refused(reason(e));
        }
        try (out) {
            text.write(out);
        } catch (IOException e) {
            throw new Refused(reason(e));
        } catch (RuntimeException | Error e) {
            try {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file); // not a device, a FIFO or what a link points to
                }
            } catch (IOException | RuntimeException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
    }

    private static void writable(Path file) throws Refused {
        if (Files.isDirectory(file)) {
            throw new Refused("is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new Refused("its folder does not exist; create it first");
        }
    }

    /** Writes {@code bytes} to {@code file}; a failure is a {@link Refused} naming the reason once. */
    public static void write(Path file, byte[] bytes) throws Refused {
        writable(file);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new Refused(reason(e));
        }
    }
}
