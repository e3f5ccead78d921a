package org.replprov.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimName;
import org.replprov.mof.MofCompiler;
import org.replprov.mof.MofParseException;
import org.replprov.mof.MofWriter;
import org.replprov.repository.ClassRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replprov mof check|show}: compile MOF files and print classes, with the compiler's own messages. */
@Command(name = "mof", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Check MOF schema files and show the classes they define.",
        subcommands = {MofCommand.Check.class, MofCommand.Show.class})
final class MofCommand {

    /** {@code replprov mof check [FILE|DIR…]}: exit 0 when the files compile, 1 with the first error. */
    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {
                    "Compile MOF files and report the first error as file:line:col, with the source line and a "
                            + "caret.",
                    "Without arguments, checks the schema shipped in replprov."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "0..*",
                description = "MOF files, or directories whose *.mof files are compiled in name order.")
        List<Path> files = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Path> missing = files.stream().filter(f -> !Files.exists(f)).findFirst();
            if (missing.isPresent()) {
                err.println("error: no such file or directory: " + missing.get());
                return Main.EXIT_USAGE;
            }
            try {
                ClassRepository repository = files.isEmpty() ? MofCompiler.loadShippedSchema()
                        : MofCompiler.create().compile(files);
                for (String ns : repository.namespaces()) {
                    out.println(ns + ": " + repository.classes(ns).size() + " classes, "
                            + repository.instances(ns).size() + " instances");
                }
                out.println("OK");
                return 0;
            } catch (MofParseException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
    }

    /**
     * {@code replprov mof show CLASS}: the resolved class as MOF, inherited members in comments, in a unit that
     * {@code mof check} compiles on its own (namespace pragma, qualifier types, superclasses first).
     */
    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {
                    "Print a class as MOF: what it declares, and in comments what it inherits.",
                    "The output compiles on its own: it starts with the namespace pragma and the qualifier types "
                            + "it uses, and declares the superclasses first.",
                    "Reads the shipped schema unless --mof names other files."})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CLASS", description = "The class name (any case).")
        String className;

        @Option(names = "--namespace", paramLabel = "NS", defaultValue = MofCompiler.SHIPPED_NAMESPACE,
                description = "The namespace of the class (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Option(names = "--mof", paramLabel = "PATH", arity = "1..*",
                description = "MOF files or directories to read instead of the shipped schema.")
        List<Path> mof = List.of();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!CimName.isValid(className)) {
                err.println("error: '" + className + "' is not a class name");
                return Main.EXIT_USAGE;
            }
            ClassRepository repository;
            try {
                repository = mof.isEmpty() ? MofCompiler.loadShippedSchema() : MofCompiler.create().compile(mof);
            } catch (MofParseException e) {
                err.println(e.getMessage());
                return Main.EXIT_USAGE;
            }
            Optional<ClassRepository.Namespace> ns = repository.namespace(namespace);
            Optional<CimClass> cimClass = ns.map(n -> n.classes().get(CimName.of(className)));
            if (cimClass.isEmpty()) {
                err.println("error: class " + className + " is not defined in namespace " + namespace
                        + (ns.isEmpty() ? " (no such namespace)" : ""));
                return Main.EXIT_USAGE;
            }
            spec.commandLine().getOut().print(MofWriter.writeUnit(ns.get(), cimClass.get()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
