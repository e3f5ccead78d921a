package org.replprov.mof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.replprov.repository.ClassRepository;

/**
 * Compiles MOF (DSP0004) into a {@link ClassRepository}: qualifier types, resolved classes and declared instances,
 * per namespace.
 *
 * <p>A compiler is an immutable configuration: the repository it adds to (empty, the shipped schema, or any other)
 * and the namespace that files start in. Each {@code compile} call is independent and returns a new repository;
 * the base is never changed.
 *
 * <pre>
 * ClassRepository schema = MofCompiler.loadShippedSchema();
 * ClassRepository withInstances = MofCompiler.extendingShippedSchema().compile(Path.of("instances.mof"));
 * ClassRepository mine = MofCompiler.create().compile(Path.of("my-schema"));   // every *.mof in the directory
 * </pre>
 *
 * <p>Every failure, whatever the input, is a {@link MofParseException} naming file, line and column.
 */
public final class MofCompiler {

    /** Where files start when they have no {@code #pragma namespace}: WMI's usual home for schema. */
    public static final String DEFAULT_NAMESPACE = "root/cimv2";

    /** The namespace of the shipped schema, as in WMI: {@code root\MicrosoftDfs}. */
    public static final String SHIPPED_NAMESPACE = "root/MicrosoftDfs";

    /** The entry file of the shipped schema, a class-path resource (the repository's {@code mof/} directory). */
    public static final String SHIPPED_SCHEMA = "mof/replprov.mof";

    private final ClassRepository base;
    private final String namespace;

    private MofCompiler(ClassRepository base, String namespace) {
        this.base = base;
        this.namespace = namespace;
    }

    /** A compiler starting from an empty repository in {@link #DEFAULT_NAMESPACE}. */
    public static MofCompiler create() {
        return new MofCompiler(ClassRepository.EMPTY, DEFAULT_NAMESPACE);
    }

    /**
     * Compiles the schema shipped in the jar ({@link #SHIPPED_SCHEMA} and the files it includes).
     *
     * @throws MofParseException only if the shipped files are broken, which the build's tests rule out
     */
    public static ClassRepository loadShippedSchema() {
        Compilation run = new Compilation(SourceReader.classpath(MofCompiler.class.getClassLoader()),
                ClassRepository.EMPTY, DEFAULT_NAMESPACE);
        run.compileFile(SHIPPED_SCHEMA);
        return run.result();
    }

    /**
     * A compiler that adds to the shipped schema, starting in {@link #SHIPPED_NAMESPACE}: for instance files
     * ({@code instance of DfsrConnectionInfo { … };}) written against the shipped classes.
     */
    public static MofCompiler extendingShippedSchema() {
        return new MofCompiler(loadShippedSchema(), SHIPPED_NAMESPACE);
    }

    /** This compiler adding to {@code base}: its classes may be used and must not be redefined. */
    public MofCompiler withBase(ClassRepository base) {
        return new MofCompiler(Objects.requireNonNull(base, "base"), namespace);
    }

    /**
     * This compiler with files starting in {@code namespace} ({@code root/x} or {@code root\x}).
     *
     * @throws IllegalArgumentException when it is not a namespace name
     */
    public MofCompiler withNamespace(String namespace) {
        return new MofCompiler(base, Compilation.namespaceName(namespace).orElseThrow(
                () -> new IllegalArgumentException("not a namespace name: '" + namespace + "'")));
    }

    /** The namespace files start in. */
    public String namespace() {
        return namespace;
    }

    /** See {@link #compile(List)}. */
    public ClassRepository compile(Path... paths) {
        return compile(List.of(paths));
    }

    /**
     * Compiles files in order; a directory stands for the {@code *.mof} files directly in it, by name. Each file
     * starts in {@link #namespace()}; a file included by several is compiled once.
     *
     * @throws MofParseException at the first error
     */
    public ClassRepository compile(List<Path> paths) {
        List<String> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(mofFilesIn(path));
            } else {
                files.add(path.toString());
            }
        }
        return compile(SourceReader.files(), files);
    }

    /**
     * Compiles {@code text} as if it were the file {@code file} (a name for messages and the directory its
     * includes are relative to).
     *
     * @throws MofParseException at the first error
     */
    public ClassRepository compileText(String file, String text) {
        Compilation run = new Compilation(SourceReader.files(), base, namespace);
        run.compileText(file, text);
        return run.result();
    }

    ClassRepository compile(SourceReader reader, List<String> files) {
        Compilation run = new Compilation(reader, base, namespace);
        files.forEach(run::compileFile);
        return run.result();
    }

    private static List<String> mofFilesIn(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mof"))
                    .filter(Files::isRegularFile).sorted().map(Path::toString).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MofParseException(SourceLocation.startOf(directory.toString()),
                    "cannot list the directory: " + e.getMessage(), "");
        }
    }
}
