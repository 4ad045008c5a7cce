package dev.chainrule.render.doc;

/**
 * A {@link java.io.Writer} into a {@link StringBuilder} sized once: {@link java.io.StringWriter} takes a lock on
 * every write and grows a Latin-1 buffer that is copied again when the first δ arrives, for a JSON document of
 * 50 million characters. What a streamed renderer writes when a caller wants the document as a string.
 */
public final class BuilderWriter extends java.io.Writer {
    private final StringBuilder sb;

    /** Room for {@code capacity} characters of any script (the buffer starts as UTF-16). */
    public BuilderWriter(int capacity) {
        sb = new StringBuilder();
        sb.append('δ').setLength(0);
        sb.ensureCapacity(capacity);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        sb.append(buf, off, len);
    }

    @Override
    public void write(int c) {
        sb.append((char) c);
    }

    @Override
    public void write(String s, int off, int len) {
        sb.append(s, off, off + len);
    }

    @Override
    public java.io.Writer append(CharSequence s) {
        sb.append(s);
        return this;
    }

    @Override
    public java.io.Writer append(char c) {
        sb.append(c);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
