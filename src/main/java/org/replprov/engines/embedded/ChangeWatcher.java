package org.replprov.engines.embedded;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.replprov.engines.embedded.mirror.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the local replicated folders and calls back once changes have settled: what makes an upstream notify its
 * downstream partners. Every directory is watched (new ones as they appear) except each folder's DfsrPrivate, where
 * downloads come and go. A burst of changes gives one call, {@code settle} after the last change.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeWatcher.class);

    private final List<Path> roots;
    private final Duration settle;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Thread thread;

    ChangeWatcher(List<Path> roots, Duration settle, Runnable onChange) throws IOException {
        this.roots = List.copyOf(roots);
        this.settle = settle;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "change-watcher");
        this.thread.setDaemon(true);
    }

    void start() throws IOException {
        for (Path root : roots) {
            Files.createDirectories(root);
            registerTree(root, root);
        }
        thread.start();
    }

    private void registerTree(Path root, Path start) throws IOException {
        Path privateDir = root.resolve(Replica.PRIVATE);
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(privateDir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                keys.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), root);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile
            }
        });
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean changed = handle(key);
                // Let the burst settle: keep draining until nothing arrives for a while.
                for (WatchKey more; (more = watcher.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                    changed |= handle(more);
                }
                if (changed) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            log.error("Watching the replicated folders failed; downstream partners are no longer notified", e);
        }
    }

    /** Takes the events of one directory; true when something outside DfsrPrivate changed. */
    private boolean handle(WatchKey key) {
        Path root = keys.get(key);
        Path dir = (Path) key.watchable();
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (root != null && child.equals(root.resolve(Replica.PRIVATE))) {
                continue;
            }
            changed = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child) && root != null) {
                try {
                    registerTree(root, child);
                } catch (IOException e) {
                    log.debug("Cannot watch new directory {}: {}", child, e.getMessage());
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        return changed;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("Closing the watch service failed", e);
        }
    }
}
