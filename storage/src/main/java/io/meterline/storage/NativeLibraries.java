package io.meterline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * QuestDB copies its two native libraries (~9 MB) from the jar into {@code java.io.tmpdir} on every
 * start and leaves them behind when the process is killed. Extracting them under the store's own
 * folder and pointing {@code questdb.libs.dir} there keeps the temp folder clean. Like the log
 * setting, it must happen before any io.questdb class loads, and an existing setting wins.
 */
final class NativeLibraries {

    private static final String PROPERTY = "questdb.libs.dir";

    private NativeLibraries() {
    }

    static synchronized void extractUnder(Path root) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String os = System.getProperty("os.name", "");
        String platform = os.contains("Linux") ? "linux" : os.contains("Mac") ? "darwin"
                : os.contains("Windows") ? "windows" : os.contains("FreeBSD") ? "freebsd" : null;
        if (platform == null) {
            return; // QuestDB will report the unsupported OS itself
        }
        String ext = platform.equals("linux") || platform.equals("freebsd") ? ".so"
                : platform.equals("darwin") ? ".dylib" : ".dll";
        String arch = "aarch64".equals(System.getProperty("os.arch")) ? "aarch64" : "x86-64";
        String resources = "/io/questdb/bin/" + platform + '-' + arch + '/';
        String cxx = "libquestdb" + ext;
        String rust = (platform.equals("windows") ? "questdbr" : "libquestdbr") + ext;
        try {
            Path dir = Files.createDirectories(root.resolve("native").resolve(platform + '-' + arch.toLowerCase(Locale.ROOT)));
            if (copy(resources + cxx, dir.resolve(cxx)) && copy(resources + rust, dir.resolve(rust))) {
                System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract QuestDB's native libraries [root=" + root + ']', e);
        }
    }

    /**
     * Copied on every start (a jar upgrade brings new libraries) through a temporary file and an
     * atomic rename, so another process that has the old file mapped keeps its copy intact.
     */
    private static boolean copy(String resource, Path target) throws IOException {
        try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        }
    }
}
