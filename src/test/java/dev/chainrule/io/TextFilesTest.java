package dev.chainrule.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files are regular text files within a size; a failure names its reason once, without the path again. */
class TextFilesTest {
    @Test
    void reasonsDoNotRepeatThePath() {
        assertEquals("permission denied", TextFiles.reason(new AccessDeniedException("/tmp/ro.txt")));
        assertEquals("No space left on device", TextFiles.reason(new FileSystemException("/dev/full", null, "No space left on device")));
    }

    @Test
    void readsTextAndRefusesTheRest(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.txt");
        Files.writeString(ok, "dL/dw[1,1,1]\n= x1 · δ\n", StandardCharsets.UTF_8);
        assertEquals("dL/dw[1,1,1]\n= x1 · δ\n", TextFiles.read(ok, 100, "100 bytes"));
        assertEquals("the file has 24 bytes, more than the limit of 10 bytes",
                assertThrows(TextFiles.Refused.class, () -> TextFiles.read(ok, 10, "10 bytes")).getMessage());
        Path nul = dir.resolve("nul.bin");
        Files.write(nul, new byte[] {'a', 0, 'b'});
        assertEquals("is not a text file (a NUL byte at offset 1)",
                assertThrows(TextFiles.Refused.class, () -> TextFiles.read(nul, 100, "")).getMessage());
        assertEquals("is a directory, not a text file",
                assertThrows(TextFiles.Refused.class, () -> TextFiles.read(dir, 100, "")).getMessage());
        assertEquals("no such file",
                assertThrows(TextFiles.Refused.class, () -> TextFiles.read(dir.resolve("nope"), 100, "")).getMessage());
        assertEquals("is not a regular file (a pipe, FIFO, socket or device is not read); save the text to a file first",
                assertThrows(TextFiles.Refused.class, () -> TextFiles.read(Path.of("/dev/zero"), 100, "")).getMessage());
    }

    @Test
    void writesStreamedTextAndDropsAPartialFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        TextFiles.write(out, w -> {
            w.write("∂L/∂w = δ·a\n");
            w.append("x".repeat(100_000));
        });
        assertEquals("∂L/∂w = δ·a\n" + "x".repeat(100_000), Files.readString(out, StandardCharsets.UTF_8));
        // a document that fails half-way (a budget runs out) leaves no partial file
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> TextFiles.write(out, w -> {
            w.write("half a document".repeat(10_000));
            throw new IllegalStateException("budget");
        }));
        assertEquals("budget", boom.getMessage());
        assertEquals(false, Files.exists(out));
        assertEquals("is a directory", assertThrows(TextFiles.Refused.class, () -> TextFiles.write(dir, w -> { }))
                .getMessage());
        assertEquals("its folder does not exist; create it first", assertThrows(TextFiles.Refused.class,
                () -> TextFiles.write(dir.resolve("no/such.txt"), w -> { })).getMessage());
        assertEquals("No space left on device", assertThrows(TextFiles.Refused.class,
                () -> TextFiles.write(Path.of("/dev/full"), w -> w.write("x".repeat(1 << 17)))).getMessage());
    }
}
