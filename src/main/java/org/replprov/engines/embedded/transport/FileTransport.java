package org.replprov.engines.embedded.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.replprov.engines.embedded.transport.TransportException.Reason;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code file://} upstream: a directory of the local file system (often a mount of a remote one). Symbolic links
 * and special files are not replicated: a link could point outside the folder, and DFSR does not replicate them
 * either.
 */
public final class FileTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(FileTransport.class);

    private final Path root;

    public FileTransport(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public URI root() {
        return root.toUri();
    }

    @Override
    public void probe() throws TransportException {
        BasicFileAttributes a = attributes(root).orElseThrow(() ->
                new TransportException(Reason.NOT_FOUND, "upstream folder " + root + " does not exist"));
        if (!a.isDirectory()) {
            throw new TransportException(Reason.NOT_FOUND, "upstream " + root + " is not a directory");
        }
        if (!Files.isReadable(root)) {
            throw new TransportException(Reason.FAILED, "upstream folder " + root + " is not readable");
        }
    }

    @Override
    public List<Entry> list(String directory) throws TransportException {
        Path dir = resolve(directory);
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!Paths.isValidName(name)) {
                    log.warn("Skipping upstream entry with an unusable name in {}: {}", dir, LogSafe.of(name));
                    continue;
                }
                attributes(child).flatMap(a -> entry(Paths.child(directory, name), a))
                        .ifPresent(out::add);
            }
        } catch (IOException e) {
            throw failure("list", dir, e);
        }
        return out;
    }

    @Override
    public Optional<Entry> stat(String path) throws TransportException {
        return attributes(resolve(path)).flatMap(a -> entry(path, a));
    }

    @Override
    public InputStream read(String path, long offset) throws TransportException {
        Path file = resolve(path);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (offset > 0) {
                ch.position(offset);
            }
            return new UpstreamInputStream(Channels.newInputStream(ch), e -> failure("read", file, e));
        } catch (IOException e) {
            throw failure("open", file, e);
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(Paths.requireRelative(path));
    }

    private static Optional<Entry> entry(String path, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return Optional.of(Entry.directory(path, a.lastModifiedTime().toInstant()));
        }
        if (a.isRegularFile()) {
            return Optional.of(Entry.file(path, a.size(), a.lastModifiedTime().toInstant()));
        }
        log.debug("Not replicating {} (a link or special file)", path);
        return Optional.empty();
    }

    /** The attributes of {@code file}, not following links; empty when it does not exist (any more). */
    private static Optional<BasicFileAttributes> attributes(Path file) throws TransportException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read attributes of", file, e);
        }
    }

    private static TransportException failure(String what, Path where, IOException e) {
        Reason reason = e instanceof NoSuchFileException || e instanceof NotDirectoryException ? Reason.NOT_FOUND
                : Reason.FAILED;
        String detail = e instanceof AccessDeniedException ? "access denied" : e.toString();
        return new TransportException(reason, "cannot " + what + " " + where + ": " + detail, e);
    }
}
