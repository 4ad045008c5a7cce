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
}
