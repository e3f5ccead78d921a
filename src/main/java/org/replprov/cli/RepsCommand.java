package org.replprov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.replprov.drsr.Bytes;
import org.replprov.drsr.Layout;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.ReplUpToDateVector;
import org.replprov.drsr.ReplUpToDateVectorCodec;
import org.replprov.drsr.RepsDump;
import org.replprov.drsr.RepsFromToBlob;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsJson;
import org.replprov.drsr.RepsJsonException;
import org.replprov.drsr.UpToDateVectorDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replprov reps}: decodes and encodes stored MS-DRSR {@code repsTo} / {@code repsFrom} values (REPS_TO,
 * REPS_FROM), and decodes {@code replUpToDateVector} values. Bad input ends with exit code {@link Main#EXIT_USAGE}
 * and one {@code error: …} line on stderr.
 */
@Command(name = "reps", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Decode or encode MS-DRSR repsTo/repsFrom values (REPS_TO, REPS_FROM); decode "
                + "replUpToDateVector values.",
        subcommands = {RepsCommand.Decode.class, RepsCommand.Encode.class})
final class RepsCommand {

    /** Input the user got wrong; reported as one line, never with a stack trace. */
    private static final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }

    /** Runs {@code body}, turning the three kinds of bad input into one {@code error:} line and exit code 2. */
    private static int run(CommandSpec spec, Callable<String> body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(body.call());
            out.flush();
            return 0;
        } catch (BadInputException | MalformedBlobException | RepsJsonException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readFile(Path file) throws BadInputException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()));
        }
    }

    /** The directory attributes whose values {@code reps decode} reads, spelled as LDAP spells them. */
    enum Attribute {
        repsTo,
        repsFrom,
        replUpToDateVector
    }

    @Command(name = "decode",
            description = {"Print a stored value field by field (or as JSON).",
                    "The value comes from --hex, --base64 or a FILE holding the raw bytes."})
    static final class Decode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--attribute", paramLabel = "NAME", defaultValue = "repsTo",
                converter = AttributeConverter.class,
                description = "The attribute the value comes from: ${COMPLETION-CANDIDATES} (default: "
                        + "${DEFAULT-VALUE}). repsTo and repsFrom values share one structure and decode alike.")
        Attribute attribute;

        @Option(names = "--hex", paramLabel = "HEX", description = "The value as hex digits (whitespace ignored).")
        String hex;

        @Option(names = "--base64", paramLabel = "B64",
                description = "The value as base64 (as in LDIF 'repsTo::'; whitespace ignored).")
        String base64;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "A file holding the raw value.")
        Path file;

        @Option(names = "--json", description = "Print the JSON form instead of the field dump.")
        boolean json;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public Integer call() {
            return run(spec, () -> {
                if (attribute == Attribute.replUpToDateVector) {
                    ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(input());
                    return json ? RepsJson.toJson(value) : UpToDateVectorDump.dump(value);
                }
                RepsFromToBlob value = RepsFromToCodec.decode(input());
                return json ? RepsJson.toJson(value) : RepsDump.dump(value);
            });
        }

        private byte[] input() throws BadInputException {
            int given = (hex != null ? 1 : 0) + (base64 != null ? 1 : 0) + (file != null ? 1 : 0);
            if (given != 1) {
                throw new BadInputException("give exactly one of --hex, --base64 or FILE");
            }
            if (hex != null) {
                try {
                    return Bytes.fromHex(hex.replaceAll("\\s+", "")).toArray();
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--hex: " + e.getMessage());
                }
            }
            if (base64 != null) {
                try {
                    return Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--base64: " + e.getMessage());
                }
            }
            return readFile(file);
        }
    }

    @Command(name = "encode",
            description = {"Encode the JSON form (as printed by 'reps decode --json') and print the value as hex."})
    static final class Encode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--layout", required = true, paramLabel = "windows|samba",
                converter = LayoutConverter.class,
                description = "windows: MS-DRSR layout (v1 address at 216, v2 with Windows' 28-byte trailer); "
                        + "samba: as Samba writes (v1 address at 208, v2 without trailer).")
        Layout layout;

        @Option(names = "--version", paramLabel = "1|2",
                description = "Version to write; overrides the JSON 'version' key.")
        Integer version;

        @Parameters(paramLabel = "FILE.json", description = "The JSON form of the value.")
        Path file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public Integer call() {
            return run(spec, () -> {
                String json = new String(readFile(file), StandardCharsets.UTF_8);
                OptionalInt v = version == null ? OptionalInt.empty() : OptionalInt.of(version);
                RepsFromToBlob value = RepsJson.fromJson(json, layout, v);
                return Bytes.of(RepsFromToCodec.encode(value)).toHex() + "\n";
            });
        }
    }

    /** LDAP attribute names are case-insensitive, so {@code --attribute repsfrom} is {@code repsFrom}. */
    static final class AttributeConverter implements ITypeConverter<Attribute> {
        @Override
        public Attribute convert(String value) {
            for (Attribute attribute : Attribute.values()) {
                if (attribute.name().equalsIgnoreCase(value)) {
                    return attribute;
                }
            }
            throw new TypeConversionException("'" + value + "' is none of repsTo, repsFrom, replUpToDateVector");
        }
    }

    static final class LayoutConverter implements ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "windows" -> Layout.WINDOWS;
                case "samba" -> Layout.SAMBA;
                default -> throw new TypeConversionException("'" + value + "' is neither windows nor samba");
            };
        }
    }
}
