package org.replprov.mof;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.Embedding;
import org.replprov.cim.CimScope;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.mof.MofProduction.ClassDeclaration;
import org.replprov.mof.MofProduction.InstanceDeclaration;
import org.replprov.mof.MofProduction.MethodDeclaration;
import org.replprov.mof.MofProduction.NamedPart;
import org.replprov.mof.MofProduction.ParameterDeclaration;
import org.replprov.mof.MofProduction.Pragma;
import org.replprov.mof.MofProduction.PropertyDeclaration;
import org.replprov.mof.MofProduction.PropertyValue;
import org.replprov.mof.MofProduction.QualifierDeclaration;
import org.replprov.mof.MofProduction.QualifierUse;
import org.replprov.repository.ClassRepository;

/**
 * One run of the compiler: reads files, follows includes, and turns each production into repository content in
 * the namespace current at that point. Stops at the first error.
 *
 * <p>Files are compiled at most once per run, so a file may {@code #pragma include} what it depends on even when
 * another file includes it too; including a file that is still being compiled is a cycle and an error. A namespace
 * switch in an included file holds after the include, as if its text had been inserted.
 */
final class Compilation {

    /** How deep {@code #pragma include} may nest. */
    static final int MAX_INCLUDE_DEPTH = 16;

    /** The most MOF text one run reads, over all files. */
    static final long MAX_TOTAL_BYTES = 64L << 20;

    private record ClassKey(String namespace, CimName className) {
    }

    private final SourceReader reader;
    private final String defaultNamespace;
    private final ClassRepository.Builder repository;
    private final Typing typing;
    private final Map<String, MofSource> sources = new HashMap<>();
    private final Deque<String> including = new ArrayDeque<>();
    private final Set<String> compiled = new HashSet<>();
    private final Set<String> seededNamespaces = new HashSet<>();
    private final Map<ClassKey, SourceLocation> classLocations = new HashMap<>();
    private final Map<CimName, CimObjectPath> aliases = new HashMap<>();
    private String namespace;
    private long totalBytes;

    Compilation(SourceReader reader, ClassRepository base, String defaultNamespace) {
        this.reader = reader;
        this.defaultNamespace = defaultNamespace;
        this.repository = base.toBuilder();
        this.typing = new Typing(this::error, name -> repository.qualifierType(namespace(), name),
                alias -> Optional.ofNullable(aliases.get(CimName.of(alias))));
    }

    ClassRepository result() {
        return repository.build();
    }

    /** Compiles a top-level file; each starts in the default namespace. */
    void compileFile(String name) {
        namespace = defaultNamespace;
        compileFile(name, null);
    }

    /** Compiles text that stands for the file {@code name}; its includes are read by the reader. */
    void compileText(String name, String text) {
        namespace = defaultNamespace;
        if (text.length() > SourceReader.MAX_FILE_BYTES) {
            throw new MofParseException(SourceLocation.startOf(name),
                    "the text is longer than " + (SourceReader.MAX_FILE_BYTES >> 20) + " Mi characters", "");
        }
        compileSource(reader.key(name), new MofSource(name, text));
    }

    private void compileFile(String name, SourceLocation includedFrom) {
        String key = reader.key(name);
        if (including.contains(key)) {
            throw error(includedFrom, "include cycle: " + name + " is already being compiled");
        }
        if (compiled.contains(key)) {
            return;
        }
        if (including.size() >= MAX_INCLUDE_DEPTH) {
            throw error(includedFrom, "#pragma include nested deeper than " + MAX_INCLUDE_DEPTH + " files");
        }
        byte[] bytes;
        try {
            bytes = reader.read(name);
        } catch (IOException e) {
            throw fileError(includedFrom, name, "cannot read " + name + ": " + describe(e));
        }
        totalBytes += bytes.length;
        if (totalBytes > MAX_TOTAL_BYTES) {
            throw fileError(includedFrom, name, "the compilation reads more than " + (MAX_TOTAL_BYTES >> 20)
                    + " MiB of MOF");
        }
        compileSource(key, MofSource.decode(name, bytes));
    }

    private void compileSource(String key, MofSource source) {
        sources.put(source.name(), source);
        including.push(key);
        MofParser parser = new MofParser(source);
        while (!parser.atEnd()) {
            MofProduction production = parser.mofProduction();
            if (production instanceof Pragma p) {
                pragma(p);
            } else if (production instanceof QualifierDeclaration q) {
                qualifierDeclaration(q);
            } else if (production instanceof ClassDeclaration c) {
                classDeclaration(c);
            } else if (production instanceof InstanceDeclaration i) {
                instanceDeclaration(i);
            }
        }
        including.pop();
        compiled.add(key);
    }

    // ---- compiler directives ----------------------------------------------------------------------------------

    /**
     * {@code namespace} and {@code include} take effect; every other pragma (locale, classflags, instanceflags,
     * autorecover, amendment, …) is accepted and ignored: they steer a live WMI repository, which this is not.
     */
    private void pragma(Pragma p) {
        boolean isNamespace = p.name().equalsIgnoreCase("namespace");
        boolean isInclude = p.name().equalsIgnoreCase("include");
        if (!isNamespace && !isInclude) {
            return;
        }
        if (p.parameters().size() != 1) {
            throw error(p.location(), "#pragma " + p.name() + " takes one string parameter");
        }
        String parameter = p.parameters().get(0);
        if (isNamespace) {
            namespace = namespaceName(parameter).orElseThrow(() -> error(p.location(),
                    "'" + MofToken.abbreviate(parameter) + "' is not a namespace name such as root/MicrosoftDfs"));
            return;
        }
        String included;
        try {
            included = reader.resolve(p.location().file(), parameter);
        } catch (IOException e) {
            throw error(p.location(), "cannot include '" + MofToken.abbreviate(parameter) + "': " + describe(e));
        }
        compileFile(included, p.location());
    }

    /**
     * A namespace as {@code #pragma namespace} writes it, with {@code \} or {@code /} separators and optionally a
     * WMI host prefix ({@code \\.\Root\MicrosoftDfs}), as {@code Root/MicrosoftDfs}.
     */
    static Optional<String> namespaceName(String text) {
        String path = text.replace('\\', '/');
        if (path.startsWith("//")) {
            int endOfHost = path.indexOf('/', 2);
            if (endOfHost < 0) {
                return Optional.empty();
            }
            path = path.substring(endOfHost);
        }
        String normalized = CimObjectPath.normalizeNamespace(path);
        for (String segment : normalized.split("/", -1)) {
            if (!CimName.isValid(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(normalized);
    }

    /** The current namespace, given the standard qualifier types the first time a declaration lands in it. */
    private String namespace() {
        if (seededNamespaces.add(namespace.toLowerCase(Locale.ROOT))) {
            repository.namespace(namespace);
            for (CimQualifierType type : StandardQualifiers.types().values()) {
                if (repository.qualifierType(namespace, type.name()).isEmpty()) {
                    repository.qualifierType(namespace, type);
                }
            }
        }
        return namespace;
    }

    // ---- qualifier declarations -------------------------------------------------------------------------------

    /**
     * Declares or redeclares a qualifier type (DSP0004 §5.6.1). A redeclaration, of a standard qualifier or of one
     * declared before, must keep the type; scopes, default and flavors may change.
     */
    private void qualifierDeclaration(QualifierDeclaration d) {
        String ns = namespace();
        CimValue defaultValue = d.defaultValue() == null ? null
                : typing.value(d.defaultValue(), d.type(), "default value of qualifier " + d.name());
        Set<CimFlavor> flavors = CimFlavor.merge(CimFlavor.defaults(),
                typing.explicitFlavors(d.flavors(), d.location()));
        Optional<CimQualifierType> existing = repository.qualifierType(ns, d.name());
        if (existing.isPresent() && !existing.get().dataType().equals(d.type())) {
            throw error(d.location(), "qualifier " + d.name() + " is already declared " + existing.get().dataType()
                    + "; it cannot be redeclared " + d.type());
        }
        repository.qualifierType(ns, new CimQualifierType(d.name(), d.type(), defaultValue, d.scopes(), flavors));
    }

    // ---- classes ----------------------------------------------------------------------------------------------

    /** Types a class's declarations and resolves them against its superclass with {@link CimClass.Builder}. */
    private void classDeclaration(ClassDeclaration d) {
        String ns = namespace();
        ClassKey key = new ClassKey(ns.toLowerCase(Locale.ROOT), d.name());
        if (repository.getClass(ns, d.name()).isPresent()) {
            SourceLocation previous = classLocations.get(key);
            throw error(d.location(), "class " + d.name() + " is already defined in namespace " + ns
                    + (previous == null ? "" : " (at " + previous + ")"));
        }
        CimClass superClass = d.superClass() == null ? null : repository.getClass(ns, d.superClass())
                .orElseThrow(() -> error(d.superClassLocation(), "unknown superclass " + d.superClass()
                        + " of class " + d.name() + " in namespace " + ns));
        CimClass.Builder builder = CimClass.builder(d.name()).superClass(superClass)
                .qualifiers(typing.qualifiers(d.qualifiers(), classScope(d, superClass)));
        for (PropertyDeclaration p : d.properties()) {
            builder.property(property(p, d.name(), ns, superClass));
        }
        for (MethodDeclaration m : d.methods()) {
            builder.method(method(m, d.name(), ns));
        }
        CimClass resolved;
        try {
            resolved = builder.build();
        } catch (CimException e) {
            // A changed DisableOverride qualifier is named by the qualifier, which no member location fits.
            SourceLocation at = e.status() == WbemStatus.WBEM_E_OVERRIDE_NOT_ALLOWED ? d.location()
                    : lastNamed(e, concat(d.properties(), d.methods()), d.location());
            throw error(at, e.description());
        }
        repository.addClass(ns, resolved);
        classLocations.put(key, d.location());
    }

    /** An association or indication, declared so or inheriting it, has that scope for its qualifiers. */
    private static CimScope classScope(ClassDeclaration d, CimClass superClass) {
        if (declares(d, "Association") || superClass != null && superClass.isAssociation()) {
            return CimScope.ASSOCIATION;
        }
        if (declares(d, "Indication") || superClass != null && superClass.isIndication()) {
            return CimScope.INDICATION;
        }
        return CimScope.CLASS;
    }

    private static boolean declares(ClassDeclaration d, String qualifier) {
        return d.qualifiers().stream().anyMatch(q -> q.name().matches(qualifier));
    }

    private CimProperty property(PropertyDeclaration p, CimName className, String ns, CimClass superClass) {
        checkReferencedClass(p.type(), p.typeLocation(), className, ns);
        CimScope scope = p.type().type() == CimType.REFERENCE ? CimScope.REFERENCE : CimScope.PROPERTY;
        CimValue defaultValue = p.defaultValue() == null ? null
                : typing.value(p.defaultValue(), p.type(), "default value of property " + p.name());
        if (p.arraySize() > 0 && defaultValue instanceof CimValue.Array a && a.elements().size() > p.arraySize()) {
            throw error(p.defaultValue().location(), "default value of property " + p.name() + " has "
                    + a.elements().size() + " elements; the array holds " + p.arraySize());
        }
        CimQualifiers qualifiers = typing.qualifiers(p.qualifiers(), scope);
        String what = "property " + p.name();
        Embedding embedding = checkEmbedding(qualifiers, p.type(), p.qualifiers(), p.location(), what, className, ns);
        if (defaultValue != null && embedding.embeds()) {
            throw error(p.defaultValue().location(), what + " holds embedded instances; MOF cannot give it a "
                    + "default value");
        }
        CimProperty inherited = superClass == null ? null : superClass.property(p.name()).orElse(null);
        if (inherited != null) {
            checkEmbeddingOverride(Embedding.of(inherited.qualifiers()), embedding, p.qualifiers(), p.location(),
                    what, ns);
        }
        return new CimProperty(p.name(), p.type(), defaultValue, qualifiers, null, false);
    }

    private CimMethod method(MethodDeclaration m, CimName className, String ns) {
        checkReferencedClass(m.returnType(), m.typeLocation(), className, ns);
        List<CimParameter> parameters = new ArrayList<>(m.parameters().size());
        for (ParameterDeclaration p : m.parameters()) {
            checkReferencedClass(p.type(), p.typeLocation(), className, ns);
            CimQualifiers qualifiers = typing.qualifiers(p.qualifiers(), CimScope.PARAMETER);
            checkEmbedding(qualifiers, p.type(), p.qualifiers(), p.location(),
                    "parameter " + p.name() + " of method " + m.name(), className, ns);
            parameters.add(new CimParameter(p.name(), p.type(), qualifiers));
        }
        CimQualifiers qualifiers = typing.qualifiers(m.qualifiers(), CimScope.METHOD);
        checkEmbedding(qualifiers, m.returnType(), m.qualifiers(), m.location(), "method " + m.name(), className, ns);
        try {
            return new CimMethod(m.name(), m.returnType(), parameters, qualifiers, null, false);
        } catch (CimException e) {
            throw error(lastNamed(e, m.parameters(), m.location()), e.description());
        }
    }

    /**
     * DSP0004 §5.6.3, EmbeddedInstance and EmbeddedObject: only on string-typed elements, not both on one; the
     * class EmbeddedInstance names must be a class of the namespace defined before (or the class being declared),
     * as a reference's class must.
     */
    private Embedding checkEmbedding(CimQualifiers qualifiers, CimDataType type, List<QualifierUse> uses,
                                     SourceLocation fallback, String what, CimName className, String ns) {
        boolean hasInstance = qualifiers.get("EmbeddedInstance").map(q -> q.value() != null).orElse(false);
        boolean hasObject = qualifiers.isTrue("EmbeddedObject");
        if (!hasInstance && !hasObject) {
            return Embedding.NONE;
        }
        String qualifier = hasInstance ? "EmbeddedInstance" : "EmbeddedObject";
        SourceLocation at = location(uses, qualifier, fallback);
        if (hasInstance && hasObject) {
            throw error(at, what + " cannot be both EmbeddedInstance and EmbeddedObject");
        }
        if (type.type() != CimType.STRING) {
            throw error(at, qualifier + " applies to string-typed elements only; " + what + " is " + type);
        }
        if (hasInstance) {
            String named = qualifiers.string("EmbeddedInstance").orElseThrow();
            if (!CimName.isValid(named)) {
                throw error(at, "EmbeddedInstance of " + what + ": '" + MofToken.abbreviate(named)
                        + "' is not a class name");
            }
            CimName embedded = CimName.of(named);
            if (!embedded.equals(className) && repository.getClass(ns, embedded).isEmpty()) {
                throw error(at, "EmbeddedInstance of " + what + " names unknown class " + embedded
                        + "; it must be defined in namespace " + ns + " first");
            }
        }
        return Embedding.of(qualifiers);
    }

    /**
     * DSP0004 §5.6.3: EmbeddedInstance may not be added to an overriding property whose inherited declaration lacks
     * it, and may only narrow the inherited class to one of its subclasses.
     */
    private void checkEmbeddingOverride(Embedding inherited, Embedding declared, List<QualifierUse> uses,
                                        SourceLocation fallback, String what, String ns) {
        if (declared.instanceClass() == null || !usesQualifier(uses, "EmbeddedInstance")) {
            return;
        }
        SourceLocation at = location(uses, "EmbeddedInstance", fallback);
        if (inherited.instanceClass() == null) {
            throw error(at, what + " overrides a property that is not EmbeddedInstance; it cannot become one");
        }
        boolean narrows = repository.getClass(ns, declared.instanceClass())
                .map(c -> c.isA(inherited.instanceClass())).orElse(false);
        if (!narrows) {
            throw error(at, "EmbeddedInstance of " + what + " must name " + inherited.instanceClass()
                    + " or one of its subclasses, as the property it overrides does");
        }
    }

    private static boolean usesQualifier(List<QualifierUse> uses, String name) {
        return uses.stream().anyMatch(u -> u.name().matches(name));
    }

    /** Where qualifier {@code name} is written among {@code uses}, or {@code fallback}. */
    private static SourceLocation location(List<QualifierUse> uses, String name, SourceLocation fallback) {
        return uses.stream().filter(u -> u.name().matches(name)).map(QualifierUse::location).findFirst()
                .orElse(fallback);
    }

    /** A reference must name a class of the namespace, or the class being declared. */
    private void checkReferencedClass(CimDataType type, SourceLocation at, CimName className, String ns) {
        if (type.type() == CimType.REFERENCE && !type.referenceClass().equals(className)
                && repository.getClass(ns, type.referenceClass()).isEmpty()) {
            throw error(at, "unknown class " + type.referenceClass() + " in reference; it must be defined in "
                    + "namespace " + ns + " first");
        }
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * Builds and validates an instance ({@link CimInstance#validate()}: keys set, values within the qualifiers'
     * limits) and records its alias.
     */
    private void instanceDeclaration(InstanceDeclaration d) {
        String ns = namespace();
        CimClass cimClass = repository.getClass(ns, d.className()).orElseThrow(() -> error(d.classLocation(),
                "unknown class " + d.className() + " in namespace " + ns));
        if (cimClass.isAbstract()) {
            throw error(d.classLocation(), "class " + cimClass.name() + " is abstract; it cannot have instances");
        }
        // Instance qualifiers are checked so that a misspelt one is reported, but CimInstance does not keep them.
        typing.qualifiers(d.qualifiers(), CimScope.CLASS);
        CimInstance.Builder builder = CimInstance.builder(cimClass);
        Set<CimName> assigned = new HashSet<>();
        for (PropertyValue v : d.values()) {
            CimProperty p = cimClass.property(v.name()).orElseThrow(() -> error(v.location(),
                    "class " + cimClass.name() + " has no property " + v.name()));
            if (!assigned.add(p.name())) {
                throw error(v.location(), "property " + p.name() + " is set twice");
            }
            typing.qualifiers(v.qualifiers(),
                    p.dataType().type() == CimType.REFERENCE ? CimScope.REFERENCE : CimScope.PROPERTY);
            builder.set(p.name(), typing.value(v.value(), p.dataType(), "property " + p.name()));
        }
        CimInstance instance = builder.build();
        try {
            instance.validate();
        } catch (CimException e) {
            throw error(lastNamed(e, d.values(), d.location()), "instance of " + cimClass.name() + ": "
                    + e.description());
        }
        if (d.alias() != null) {
            CimName alias = CimName.of(d.alias());
            if (aliases.containsKey(alias)) {
                throw error(d.location(), "alias $" + alias + " is already defined");
            }
            aliases.put(alias, instance.path().withNamespace(ns));
        }
        repository.addInstance(ns, instance);
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    /** The location of the last part named by the element {@code e} concerns, or {@code fallback}. */
    private static SourceLocation lastNamed(CimException e, List<? extends NamedPart> parts, SourceLocation fallback) {
        SourceLocation at = fallback;
        for (NamedPart part : parts) {
            if (e.element().filter(part.name()::equals).isPresent()) {
                at = part.location();
            }
        }
        return at;
    }

    private static List<NamedPart> concat(List<? extends NamedPart> a, List<? extends NamedPart> b) {
        List<NamedPart> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private MofParseException error(SourceLocation where, String reason) {
        MofSource source = sources.get(where.file());
        return source == null ? new MofParseException(where, reason, "") : source.error(where, reason);
    }

    /** A problem with a whole file: reported where it was included, or at its start for a top-level file. */
    private MofParseException fileError(SourceLocation includedFrom, String name, String reason) {
        return error(includedFrom != null ? includedFrom : SourceLocation.startOf(name), reason);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
