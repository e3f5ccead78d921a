package org.replprov.mof;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * Prints classes, instances, qualifier types and whole repositories as canonical MOF, the one printer behind
 * {@code replprov mof show} and the golden files of the tests.
 *
 * <p>What it prints compiles back to equal values (against a repository holding the same superclasses and qualifier
 * types). A resolved class shows everything it has, and is honest about where each part comes from: what the class
 * declares itself is MOF; what it inherits unchanged (members, and qualifiers of its own members and of itself) is
 * shown in {@code //} comments, because declaring it again would make it the class's own. A qualifier's flavors are
 * printed only as far as its type's defaults do not imply them.
 */
public final class MofWriter {

    private static final String INDENT = "    ";
    /** The width lines are wrapped to, where qualifier lists and values allow. */
    private static final int MAX_LINE = 100;

    private final Map<CimName, CimQualifierType> qualifierTypes;

    private MofWriter(Map<CimName, CimQualifierType> qualifierTypes) {
        this.qualifierTypes = qualifierTypes;
    }

    /** A writer for the classes of {@code namespace}, whose qualifier types give the default flavors. */
    public static MofWriter of(ClassRepository.Namespace namespace) {
        return new MofWriter(namespace.qualifierTypes());
    }

    /**
     * Every namespace of {@code repository} that has content: a {@code #pragma namespace}, the qualifier types that
     * are not {@linkplain StandardQualifiers#isStandard standard}, the classes (superclasses first) and the
     * instances.
     */
    public static String write(ClassRepository repository) {
        List<String> blocks = new ArrayList<>();
        for (String name : repository.namespaces()) {
            ClassRepository.Namespace ns = repository.requireNamespace(name);
            List<CimQualifierType> declared = ns.qualifierTypes().values().stream()
                    .filter(t -> !StandardQualifiers.isStandard(t)).toList();
            if (declared.isEmpty() && ns.classes().isEmpty() && ns.instances().isEmpty()) {
                continue;
            }
            MofWriter writer = of(ns);
            blocks.add("#pragma namespace(" + string(ns.name()) + ")\n");
            if (!declared.isEmpty()) {
                blocks.add(declared.stream().map(writer::write).collect(Collectors.joining()));
            }
            ns.classes().values().forEach(c -> blocks.add(writer.write(c)));
            ns.instances().forEach(i -> blocks.add(writer.write(i)));
        }
        return String.join("\n", blocks);
    }

    /**
     * {@code c} as a compilation unit of its own, which {@code replprov mof check} compiles without the schema it
     * came from: a {@code #pragma namespace}, the qualifier types the unit uses that are not
     * {@linkplain StandardQualifiers#isStandard standard}, then the superclasses from the root down and the class
     * (a class can only name a superclass the compiler has already seen).
     */
    public static String writeUnit(ClassRepository.Namespace namespace, CimClass c) {
        List<CimClass> chain = new ArrayList<>();
        for (Optional<CimClass> k = Optional.of(c); k.isPresent(); k = k.get().superClass()) {
            chain.add(0, k.get());
        }
        Set<CimName> used = new HashSet<>();
        for (CimClass k : chain) {
            qualifierNames(k.qualifiers(), used);
            k.properties().forEach(p -> qualifierNames(p.qualifiers(), used));
            for (CimMethod m : k.methods()) {
                qualifierNames(m.qualifiers(), used);
                m.parameters().forEach(p -> qualifierNames(p.qualifiers(), used));
            }
        }
        MofWriter writer = of(namespace);
        List<String> blocks = new ArrayList<>();
        blocks.add("#pragma namespace(" + string(namespace.name()) + ")\n");
        String declared = namespace.qualifierTypes().values().stream()
                .filter(t -> used.contains(t.name()) && !StandardQualifiers.isStandard(t))
                .map(writer::write).collect(Collectors.joining());
        if (!declared.isEmpty()) {
            blocks.add(declared);
        }
        chain.forEach(k -> blocks.add(writer.write(k)));
        return String.join("\n", blocks);
    }

    private static void qualifierNames(CimQualifiers qualifiers, Set<CimName> into) {
        qualifiers.asList().forEach(q -> into.add(q.name()));
    }

    /** {@code Qualifier Name : type = default, Scope(…), Flavor(…);} with every flavor spelled out. */
    public String write(CimQualifierType type) {
        StringBuilder sb = new StringBuilder("Qualifier ").append(type.name()).append(" : ").append(type.dataType());
        if (type.defaultValue() != null) {
            sb.append(" = ").append(value(type.defaultValue()));
        }
        sb.append(", Scope(").append(Typing.keywords(type.scopes())).append(")");
        sb.append(", Flavor(").append(flavors(type.flavors(), ", ")).append(");\n");
        return sb.toString();
    }

    /** The class: own qualifiers and members as MOF, inherited ones in comments, in the class's member order. */
    public String write(CimClass c) {
        StringBuilder sb = new StringBuilder();
        sb.append(inheritedQualifiers("", c.qualifiers()));
        sb.append(qualifierList("", own(c.qualifiers())));
        sb.append("class ").append(c.name());
        c.superClass().ifPresent(s -> sb.append(" : ").append(s.name()));
        sb.append("\n{\n");
        List<String> members = new ArrayList<>();
        for (CimProperty p : c.properties()) {
            members.add(member(p.propagated(), p.classOrigin(), p.qualifiers(), indent -> declaration(p, indent)));
        }
        for (CimMethod m : c.methods()) {
            members.add(member(m.propagated(), m.classOrigin(), m.qualifiers(), indent -> declaration(m, indent)));
        }
        sb.append(String.join("\n", members));
        return sb.append("};\n").toString();
    }

    /**
     * {@code instance of Class { Property = value; … };} with every property that is not NULL, and NULL for those
     * whose class default is not.
     */
    public String write(CimInstance instance) {
        StringBuilder sb = new StringBuilder("instance of ").append(instance.className()).append("\n{\n");
        for (CimProperty p : instance.properties()) {
            CimValue v = instance.value(p.name());
            if (v != null || p.defaultValue() != null) {
                String head = INDENT + p.name() + " = ";
                sb.append(head).append(v == null ? "NULL" : value(v, head.length())).append(";\n");
            }
        }
        return sb.append("};\n").toString();
    }

    // ---- members ----------------------------------------------------------------------------------------------

    /**
     * A member at {@link #INDENT}: its inherited and own qualifiers, then its declaration; or, when the member is
     * inherited unchanged, all of it as a comment.
     */
    private String member(boolean inherited, CimName origin, CimQualifiers qualifiers,
                          Function<String, String> declaration) {
        if (inherited) {
            String body = qualifierList("", qualifiers.asList()) + declaration.apply("");
            return INDENT + "// inherited from " + origin + ":\n" + commented(INDENT, body);
        }
        return inheritedQualifiers(INDENT, qualifiers) + qualifierList(INDENT, own(qualifiers))
                + declaration.apply(INDENT);
    }

    /** {@code type Name[] = default;} */
    private String declaration(CimProperty p, String indent) {
        String head = indent + typed(p.dataType(), p.name());
        if (p.defaultValue() == null) {
            return head + ";\n";
        }
        return head + " = " + value(p.defaultValue(), head.length() + 3) + ";\n";
    }

    /** {@code type Name(} then one parameter per line, each with its qualifiers, then {@code );} */
    private String declaration(CimMethod m, String indent) {
        StringBuilder sb = new StringBuilder(indent).append(typeName(m.returnType())).append(' ').append(m.name())
                .append('(');
        String parameterIndent = indent + INDENT;
        List<CimParameter> parameters = m.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            CimParameter p = parameters.get(i);
            String declaration = typed(p.dataType(), p.name()) + (i + 1 < parameters.size() ? "," : "");
            List<CimQualifier> qualifiers = p.qualifiers().asList();
            String inline = qualifiers.isEmpty() ? "" : inlineList(qualifiers) + " ";
            sb.append('\n');
            if (parameterIndent.length() + inline.length() + declaration.length() <= MAX_LINE) {
                sb.append(parameterIndent).append(inline).append(declaration);
            } else {
                sb.append(qualifierList(parameterIndent, qualifiers)).append(parameterIndent).append(declaration);
            }
        }
        return sb.append(");\n").toString();
    }

    /** {@code string Name[]} or {@code Class REF Name}: MOF puts the array brackets after the name. */
    private static String typed(CimDataType type, CimName name) {
        return typeName(type) + " " + name + (type.array() ? "[]" : "");
    }

    private static String typeName(CimDataType type) {
        return type.elementType().toString();
    }

    // ---- qualifiers -------------------------------------------------------------------------------------------

    /** The qualifiers written on the element itself. */
    private static List<CimQualifier> own(CimQualifiers qualifiers) {
        return qualifiers.asList().stream().filter(q -> !q.propagated()).toList();
    }

    /** What an element inherits unchanged, as a comment above its own qualifiers. */
    private String inheritedQualifiers(String indent, CimQualifiers qualifiers) {
        List<CimQualifier> inherited = qualifiers.asList().stream().filter(CimQualifier::propagated).toList();
        return inherited.isEmpty() ? ""
                : indent + "// inherited qualifiers:\n" + commented(indent, qualifierList("", inherited));
    }

    /**
     * {@code [A, B(1)]} on lines of their own: as many qualifiers on a line as fit, a long value wrapped onto
     * further lines; "" for none.
     */
    private String qualifierList(String indent, List<CimQualifier> qualifiers) {
        if (qualifiers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(indent).append('[');
        int lineLength = sb.length();
        boolean lineFull = false;
        for (int i = 0; i < qualifiers.size(); i++) {
            String inline = qualifier(qualifiers.get(i), -1);
            String separator = i == 0 ? "" : ", ";
            // +1 leaves room for the ',' or ']' that follows.
            if (!lineFull && lineLength + separator.length() + inline.length() + 1 <= MAX_LINE) {
                sb.append(separator).append(inline);
                lineLength += separator.length() + inline.length();
                continue;
            }
            if (i > 0) {
                sb.append(",\n").append(indent).append(' ');
                lineLength = indent.length() + 1;
            }
            String wrapped = qualifier(qualifiers.get(i), lineLength);
            sb.append(wrapped);
            lineFull = wrapped.contains("\n");
            lineLength = lineFull ? wrapped.length() - wrapped.lastIndexOf('\n') - 1 : lineLength + wrapped.length();
        }
        return sb.append("]\n").toString();
    }

    private String inlineList(List<CimQualifier> qualifiers) {
        return qualifiers.stream().map(q -> qualifier(q, -1)).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * {@code Name}, {@code Name(value)} or {@code Name{values}}, then {@code : Flavor …} for the flavors that the
     * type's defaults do not imply. The bare name is used where compiling it gives the same value: TRUE for a
     * boolean, and NULL for a type whose default is NULL. A qualifier starting at {@code column} wraps long values;
     * at -1 it stays on one line.
     */
    private String qualifier(CimQualifier q, int column) {
        CimQualifierType type = qualifierTypes.get(q.name());
        StringBuilder sb = new StringBuilder(q.name().toString());
        CimValue v = q.value();
        boolean bare = v == null ? type != null && type.defaultValue() == null
                && !type.dataType().equals(CimDataType.BOOLEAN) : v.equals(CimValue.Bool.TRUE);
        if (!bare) {
            int valueColumn = column < 0 ? -1 : column + sb.length() + 1;
            sb.append(v instanceof CimValue.Array ? value(v, valueColumn)
                    : "(" + (v == null ? "NULL" : value(v, valueColumn)) + ")");
        }
        Set<CimFlavor> written = EnumSet.noneOf(CimFlavor.class);
        written.addAll(q.flavors());
        if (type != null) {
            // The rest follows from the type's defaults: CimFlavor.merge(defaults, written) gives back q.flavors().
            written.removeAll(type.flavors());
        }
        if (!written.isEmpty()) {
            sb.append(" : ").append(flavors(written, " "));
        }
        return sb.toString();
    }

    private static String flavors(Set<CimFlavor> flavors, String separator) {
        return (flavors.isEmpty() ? EnumSet.noneOf(CimFlavor.class) : EnumSet.copyOf(flavors)).stream()
                .map(CimFlavor::keyword).collect(Collectors.joining(separator));
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /** A value as a MOF constant on one line: strings, datetimes and object paths quoted, arrays in braces. */
    private static String value(CimValue v) {
        return value(v, -1);
    }

    /**
     * A value as a MOF constant that starts at {@code column}: a long string is split into adjacent literals and a
     * long array continues on further lines, each aligned under the first; at -1 it stays on one line.
     */
    private static String value(CimValue v, int column) {
        if (v instanceof CimValue.Array a) {
            return array(a, column);
        }
        if (v instanceof CimValue.Str s) {
            return column < 0 ? string(s.value()) : wrappedString(s.value(), column);
        }
        if (v instanceof CimDateTime || v instanceof CimObjectPath) {
            return string(v.text());
        }
        if (v instanceof CimValue.Char16 c) {
            return "'" + escape(c.value(), '\'') + "'";
        }
        return v.text();
    }

    private static String array(CimValue.Array a, int column) {
        StringBuilder sb = new StringBuilder("{");
        int lineLength = column + 1;
        for (int i = 0; i < a.elements().size(); i++) {
            String element = value(a.elements().get(i)) + (i + 1 < a.elements().size() ? "," : "");
            if (i > 0 && column >= 0 && lineLength + 1 + element.length() > MAX_LINE) {
                sb.append('\n').append(" ".repeat(column + 1));
                lineLength = column + 1;
            } else if (i > 0) {
                sb.append(' ');
                lineLength++;
            }
            sb.append(element);
            lineLength += element.length();
        }
        return sb.append('}').toString();
    }

    /** Adjacent literals of at most the width left on the line, split after spaces (DSP0004 stringValue). */
    private static String wrappedString(String s, int column) {
        // At least 40, so that every piece takes some characters even when the column is far right.
        int width = Math.max(MAX_LINE - column - 2, 40);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int end = start;
            int lastBreak = -1;
            int escapedLength = 0;
            while (end < s.length() && escapedLength + escape(s.charAt(end), '"').length() <= width) {
                escapedLength += escape(s.charAt(end), '"').length();
                if (s.charAt(end) == ' ') {
                    lastBreak = end + 1;
                }
                end++;
            }
            if (end < s.length() && lastBreak > start) {
                end = lastBreak;
            }
            pieces.add(string(s.substring(start, end)));
            start = end;
        }
        return pieces.isEmpty() ? "\"\"" : String.join("\n" + " ".repeat(column), pieces);
    }

    /** A MOF string literal: quotes, backslashes and control characters escaped. */
    private static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            sb.append(escape(s.charAt(i), '"'));
        }
        return sb.append('"').toString();
    }

    private static String escape(char c, char quote) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> c == quote ? "\\" + c : isPlain(c) ? String.valueOf(c) : String.format("\\x%04X", (int) c);
        };
    }

    /** Control characters and surrogates are escaped, so that printed MOF is plain text in any encoding. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && (c < 0x7F || c > 0x9F) && !Character.isSurrogate(c);
    }

    private static String commented(String indent, String block) {
        return block.lines().map(line -> indent + "// " + line + "\n").collect(Collectors.joining());
    }
}
