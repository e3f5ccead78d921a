package org.replprov.mof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where the compiler's source files come from: the file system, or resources on the class path (the shipped schema
 * inside the jar). Resolves the names that {@code #pragma include} gives relative to the including file.
 */
interface SourceReader {

    /** The largest MOF file the compiler reads. */
    int MAX_FILE_BYTES = 16 << 20;

    /**
     * The name of the file that {@code include}, written in file {@code from}, refers to.
     *
     * @throws IOException when {@code include} cannot name a file here
     */
    String resolve(String from, String include) throws IOException;

    /** The identity of a file, so that two names of one file are compiled once. */
    String key(String name);

    /**
     * The file's bytes.
     *
     * @throws IOException when the file cannot be read, is not a regular file, or exceeds {@link #MAX_FILE_BYTES}
     */
    byte[] read(String name) throws IOException;

    /** Reads at most {@link #MAX_FILE_BYTES}; more is an error, so a huge or endless stream costs little. */
    static byte[] readBounded(InputStream in, String name) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException(name + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            return bytes;
        }
    }

    /** Files by path; includes are relative to the directory of the including file. */
    static SourceReader files() {
        return new SourceReader() {
            @Override
            public String resolve(String from, String include) throws IOException {
                try {
                    return Path.of(from).resolveSibling(include).normalize().toString();
                } catch (InvalidPathException e) {
                    throw new IOException("'" + include + "' is not a file name: " + e.getReason());
                }
            }

            @Override
            public String key(String name) {
                try {
                    return Path.of(name).toAbsolutePath().normalize().toString();
                } catch (InvalidPathException e) {
                    return name;
                }
            }

            @Override
            public byte[] read(String name) throws IOException {
                Path path;
                try {
                    path = Path.of(name);
                } catch (InvalidPathException e) {
                    throw new IOException("'" + name + "' is not a file name: " + e.getReason());
                }
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(name, null, "no such file");
                }
                if (!Files.isRegularFile(path)) {
                    // Devices and pipes could block or never end.
                    throw new IOException(name + " is not a regular file");
                }
                return readBounded(Files.newInputStream(path), name);
            }
        };
    }

    /** Resources of {@code loader}; names are resource paths such as {@code mof/dfsr.mof}. */
    static SourceReader classpath(ClassLoader loader) {
        return new SourceReader() {
            @Override
            public String resolve(String from, String include) throws IOException {
                String directory = from.substring(0, from.lastIndexOf('/') + 1);
                Deque<String> segments = new ArrayDeque<>();
                for (String segment : (directory + include.replace('\\', '/')).split("/")) {
                    if (segment.equals("..")) {
                        if (segments.isEmpty()) {
                            throw new IOException("'" + include + "' leaves the resource tree");
                        }
                        segments.removeLast();
                    } else if (!segment.isEmpty() && !segment.equals(".")) {
                        segments.addLast(segment);
                    }
                }
                return String.join("/", segments);
            }

            @Override
            public String key(String name) {
                return name;
            }

            @Override
            public byte[] read(String name) throws IOException {
                InputStream in = loader.getResourceAsStream(name);
                if (in == null) {
                    throw new NoSuchFileException(name, null, "no such resource");
                }
                return readBounded(in, name);
            }
        };
    }
}
