package org.replprov.engines.syncthing.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Syncthing's event stream, {@code GET /rest/events?since=&timeout=} long-polls, as a sequence of {@link Poll}s: either
 * events, in order and without holes, or a {@link Gap} — events were or may have been lost, so whatever the reader
 * keeps must be read again in full.
 *
 * <p>Syncthing numbers the events of each subscription consecutively and keeps only the latest (a bounded buffer per
 * subscription; with {@code limit=}, only the latest {@code limit} of those pending are returned), so a jump in the
 * numbers is a loss. A restart of Syncthing renumbers from 1 and drops filtered subscriptions, and a poll with a
 * {@code since} beyond the new numbers just waits: after any failed or empty poll the stream compares Syncthing's start
 * time before polling again. A subscription filtered by event types exists from the first request with that filter,
 * which the stream makes when it starts.
 *
 * <p>Not thread-safe: one reader calls {@link #next} in a loop. A failed call throws and may simply be repeated: the
 * stream resumes where it was, or reports a gap. Interrupting the reader aborts the long-poll.
 */
public final class EventStream {

    /** The event types an adapter for DfsrConnectionInfo acts on. */
    public static final List<String> ADAPTER_TYPES = List.of("DeviceConnected", "DeviceDisconnected", "DevicePaused",
            "DeviceResumed", "StateChanged", "FolderCompletion", "FolderSummary", "FolderErrors", "FolderPaused",
            "FolderResumed", "ConfigSaved");

    /** What one {@link #next} call found. */
    public sealed interface Poll {
    }

    /** Events following the previous ones without a hole; none when the long-poll timed out quietly. */
    public record Batch(List<Event> events) implements Poll {
        public Batch {
            events = List.copyOf(events);
        }
    }

    /** Events were or may have been lost: read everything again. Later polls continue from here. */
    public record Gap(GapReason reason, String detail) implements Poll {
    }

    public enum GapReason {
        /** The stream has just started: nothing was read before. */
        START,
        /** Event numbers jumped: Syncthing dropped events before they were read. */
        MISSED,
        /** Syncthing restarted: its numbering and subscriptions began again. */
        RESTARTED
    }

    private final SyncthingClient client;
    private final List<String> types;
    private final Duration pollTimeout;
    private final int limit;
    private long position = -1;
    private Instant startTime;
    private boolean verify;

    EventStream(SyncthingClient client, List<String> types, Duration pollTimeout, int limit) {
        this.client = Objects.requireNonNull(client, "client");
        this.types = List.copyOf(types);
        if (pollTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the event poll timeout must be at least 1 s: " + pollTimeout);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("the event limit must be positive: " + limit);
        }
        this.pollTimeout = pollTimeout;
        this.limit = limit;
    }

    /** The number of the last event delivered; -1 before the start. */
    public long position() {
        return position;
    }

    /** The next events, a quiet timeout (no events), or a gap; blocks up to the poll timeout. */
    public Poll next() throws SyncthingException, InterruptedException {
        if (position < 0) {
            return startTime == null ? establish(GapReason.START, "stream started")
                    : establish(GapReason.RESTARTED, "stream re-established after a restart of Syncthing");
        }
        if (verify) {
            Instant now = client.status().startTime();
            verify = false;
            if (!now.equals(startTime)) {
                return establish(GapReason.RESTARTED, "Syncthing restarted at " + now + " (it had started at "
                        + startTime + ")");
            }
        }
        List<Event> batch;
        try {
            batch = client.pollEvents(position, pollTimeout, limit, types);
        } catch (SyncthingException e) {
            verify = true;
            throw e;
        }
        if (batch.isEmpty()) {
            verify = true;
            return new Batch(List.of());
        }
        long expected = position + 1;
        for (Event e : batch) {
            if (e.id() != expected) {
                position = batch.get(batch.size() - 1).id();
                return new Gap(GapReason.MISSED, e.id() < expected
                        ? "event " + e.id() + " came after " + (expected - 1) + ": the numbering restarted"
                        : "events " + expected + " to " + (e.id() - 1) + " were lost");
            }
            expected++;
        }
        position = expected - 1;
        return new Batch(batch);
    }

    /** Learns the start time and the latest event number, so that later polls deliver only newer events. */
    private Gap establish(GapReason reason, String detail) throws SyncthingException, InterruptedException {
        position = -1;
        Instant started = client.status().startTime();
        List<Event> latest = client.pollEvents(0, Duration.ZERO, 1, types);
        startTime = started;
        position = latest.isEmpty() ? 0 : latest.get(latest.size() - 1).id();
        verify = false;
        return new Gap(reason, detail);
    }
}
