package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event of {@code GET /rest/events}, with the data of the types an adapter acts on typed. Data of other types is
 * not kept: {@code ConfigSaved} carries the whole configuration, API key included.
 *
 * @param id the event's number in this subscription (consecutive: a jump means events were lost)
 * @param globalId the event's number among all events of the instance
 * @param type Syncthing's event type, e.g. {@code DeviceDisconnected}
 */
public record Event(long id, long globalId, Optional<Instant> time, String type, Data data) {

    /** What happened. */
    public sealed interface Data {
    }

    /** A device connected: its address and the name it announced. */
    public record DeviceConnected(String device, String address, String deviceName) implements Data {
    }

    /** A device disconnected; {@code error} is why ("device is paused", "reading length: EOF", a reset …). */
    public record DeviceDisconnected(String device, String error) implements Data {
    }

    public record DevicePaused(String device) implements Data {
    }

    public record DeviceResumed(String device) implements Data {
    }

    /** A folder changed state; {@code durationS} is how long it was in {@code from}, when Syncthing says. */
    public record StateChanged(String folder, FolderState from, FolderState to, Optional<Double> durationS,
                               Optional<String> error) implements Data {
    }

    /** A connected remote device's completion of a folder changed (emitted for connected devices only). */
    public record FolderCompletion(String folder, String device, double completion, long needItems, long needBytes,
                                   long needDeletes, Optional<String> remoteState) implements Data {
    }

    /** A folder's {@code /rest/db/status} changed. */
    public record FolderSummary(String folder, FolderStatus summary) implements Data {
    }

    /** The files that failed in a folder's last pull. */
    public record FolderErrors(String folder, List<FileError> errors) implements Data {
        public FolderErrors {
            errors = List.copyOf(errors);
        }
    }

    public record FolderPaused(String folder) implements Data {
    }

    public record FolderResumed(String folder) implements Data {
    }

    /** Any other type; its data is not kept. */
    public record Other() implements Data {
    }

    static Event from(Json.Node n) throws Json.Malformed {
        String type = n.text("type");
        Optional<Json.Node> global = n.optional("globalID");
        long id = n.integer("id");
        return new Event(id, global.isPresent() ? global.get().integer() : id, n.time("time"), type, data(type, n));
    }

    private static Data data(String type, Json.Node event) throws Json.Malformed {
        return switch (type) {
            case "DeviceConnected" -> {
                Json.Node d = event.field("data");
                yield new DeviceConnected(d.text("id"), d.optionalText("addr").orElse(""),
                        d.optionalText("deviceName").orElse(""));
            }
            case "DeviceDisconnected" -> {
                Json.Node d = event.field("data");
                yield new DeviceDisconnected(d.text("id"), d.optionalText("error").orElse(""));
            }
            case "DevicePaused" -> new DevicePaused(event.field("data").text("device"));
            case "DeviceResumed" -> new DeviceResumed(event.field("data").text("device"));
            case "StateChanged" -> {
                Json.Node d = event.field("data");
                Optional<Json.Node> duration = d.optional("duration");
                yield new StateChanged(d.text("folder"), FolderState.from(d.field("from")),
                        FolderState.from(d.field("to")),
                        duration.isPresent() ? Optional.of(duration.get().number()) : Optional.empty(),
                        d.optionalText("error"));
            }
            case "FolderCompletion" -> {
                Json.Node d = event.field("data");
                yield new FolderCompletion(d.text("folder"), d.text("device"), d.number("completion"),
                        d.integer("needItems"), d.integer("needBytes"), d.integer("needDeletes"),
                        d.optionalText("remoteState"));
            }
            case "FolderSummary" -> {
                Json.Node d = event.field("data");
                yield new FolderSummary(d.text("folder"), FolderStatus.from(d.field("summary")));
            }
            case "FolderErrors" -> {
                Json.Node d = event.field("data");
                Optional<Json.Node> errors = d.optional("errors");
                yield new FolderErrors(d.text("folder"), errors.isPresent() ? FileError.list(errors.get()) : List.of());
            }
            case "FolderPaused" -> new FolderPaused(event.field("data").text("id"));
            case "FolderResumed" -> new FolderResumed(event.field("data").text("id"));
            default -> new Other();
        };
    }
}
