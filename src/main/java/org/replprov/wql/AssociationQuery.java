package org.replprov.wql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimType;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.ast.AssociationStatement;
import org.replprov.wql.ast.AssociationStatement.Keyword;
import org.replprov.wql.ast.AssociationStatement.Traversal;
import org.replprov.wql.ast.ClassRef;

/**
 * An ASSOCIATORS OF or REFERENCES OF query compiled against one namespace (WMI SDK "ASSOCIATORS OF Statement",
 * "REFERENCES OF Statement"; the same filters as DSP0200 Associators and References).
 *
 * <p>An association is an instance of a class qualified {@code Association} whose reference properties name the
 * objects it links. Starting from the source object, a <em>role</em> is a reference property that names it; the
 * other reference properties of the same association name its associators.
 * <ul>
 *   <li>AssocClass (ASSOCIATORS) and ResultClass (REFERENCES): the association's class is, or derives from, this;</li>
 *   <li>Role: the role's name; ResultRole: the name of the property naming the associator;</li>
 *   <li>ResultClass (ASSOCIATORS): the associator's class is, or derives from, this;</li>
 *   <li>RequiredAssocQualifier: the association class has this qualifier; RequiredQualifier: the result's class
 *       (the associator's for ASSOCIATORS, the association's for REFERENCES) has it;</li>
 *   <li>KeysOnly: REFERENCES returns association instances with their keys only (associators are returned as paths
 *       already); ClassDefsOnly: callers return {@link #resultClasses} instead of instances.</li>
 * </ul>
 * An associator is returned once for each association that links it. With a class path between the braces the query
 * is about the schema: {@link #schema()} lists the related classes (SchemaOnly asks for exactly that).
 *
 * <p>A class or qualifier named in the WHERE clause that the schema lacks matches nothing: the result is empty, as
 * WMI's is, rather than an error.
 */
public final class AssociationQuery {

    private final Traversal traversal;
    private final CimObjectPath source;
    private final CimClass sourceClass;
    private final Map<Keyword, CimName> names;
    private final Set<Keyword> flags;
    private final Schema schema;
    /** The association classes that can name the source. */
    private final List<CimClass> associationClasses;
    /** For each of them, by name: the indexes of its properties that can. */
    private final Map<CimName, int[]> roles = new LinkedHashMap<>();

    private AssociationQuery(AssociationStatement statement, CimObjectPath source, CimClass sourceClass,
                             Schema schema) {
        this.traversal = statement.traversal();
        this.source = source;
        this.sourceClass = sourceClass;
        this.names = statement.names();
        this.flags = statement.flags();
        this.schema = schema;
        this.associationClasses = findRoles();
    }

    /**
     * Compiles the statement.
     *
     * @throws WqlParseException WBEM_E_INVALID_CLASS when the source's class does not exist; WBEM_E_INVALID_QUERY
     *     when its keys do not fit the class, or SchemaOnly is given with an instance path or KeysOnly with a class
     *     path
     */
    static AssociationQuery compile(AssociationStatement statement, Schema schema) {
        CimObjectPath path = statement.source();
        int column = statement.sourceColumn();
        CimClass sourceClass = schema.require(new ClassRef(path.className(), column + 1));
        if (path.isClassPath() ? statement.has(Keyword.KEYS_ONLY) : statement.has(Keyword.SCHEMA_ONLY)) {
            throw new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, path.isClassPath()
                    ? "KeysOnly needs an instance path" : "SchemaOnly needs a class path", column, path.toString());
        }
        try {
            return new AssociationQuery(statement, path.resolveKeys(sourceClass), sourceClass, schema);
        } catch (WqlParseException e) {
            throw e;
        } catch (CimException e) {
            throw new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, e.description(), column, path.toString());
        }
    }

    /** Fills {@link #roles}; returns the association classes that have one. */
    private List<CimClass> findRoles() {
        List<CimClass> out = new ArrayList<>();
        CimName assocClass = names.get(traversal == Traversal.ASSOCIATORS ? Keyword.ASSOC_CLASS : Keyword.RESULT_CLASS);
        CimName assocQualifier = names.get(traversal == Traversal.ASSOCIATORS
                ? Keyword.REQUIRED_ASSOC_QUALIFIER : Keyword.REQUIRED_QUALIFIER);
        for (CimClass c : schema.repository().classes(schema.namespace())) {
            if (!c.isAssociation() || (assocClass != null && !c.isA(assocClass))
                    || (assocQualifier != null && c.qualifiers().get(assocQualifier).isEmpty())) {
                continue;
            }
            List<CimProperty> props = c.properties();
            int[] indexes = IntStream.range(0, props.size())
                    .filter(i -> isReference(props.get(i)) && sourceClass.isA(props.get(i).dataType().referenceClass())
                            && nameMatches(Keyword.ROLE, props.get(i).name()))
                    .toArray();
            if (indexes.length > 0) {
                roles.put(c.name(), indexes);
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static boolean isReference(CimProperty p) {
        return p.dataType().type() == CimType.REFERENCE && !p.dataType().array();
    }

    private boolean nameMatches(Keyword keyword, CimName name) {
        CimName wanted = names.get(keyword);
        return wanted == null || wanted.equals(name);
    }

    public Traversal traversal() {
        return traversal;
    }

    /** The object between the braces, its keys typed against its class. */
    public CimObjectPath source() {
        return source;
    }

    /** True when the source is a class path, so that the results are classes ({@link #schema()}). */
    public boolean isSchemaQuery() {
        return source.isClassPath();
    }

    public boolean keysOnly() {
        return flags.contains(Keyword.KEYS_ONLY);
    }

    public boolean classDefsOnly() {
        return flags.contains(Keyword.CLASS_DEFS_ONLY);
    }

    /** The association classes whose instances can link the source: those to enumerate. */
    public List<CimClass> associationClasses() {
        return associationClasses;
    }

    /**
     * REFERENCES OF: the association instances among {@code associations} that name the source in an allowed role,
     * each once, in their order; with KeysOnly, cut down to their keys.
     */
    public List<CimInstance> references(Iterable<CimInstance> associations) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : associations) {
            if (!sourceRoles(a).isEmpty()) {
                out.add(keysOnly() ? a.project(List.of()) : a);
            }
        }
        return out;
    }

    /**
     * ASSOCIATORS OF: the paths of the objects that {@code associations} link to the source, once for each
     * association that links them, in the associations' order.
     */
    public List<CimObjectPath> associators(Iterable<CimInstance> associations) {
        List<CimObjectPath> out = new ArrayList<>();
        for (CimInstance a : associations) {
            Set<CimObjectPath> ends = new LinkedHashSet<>();
            for (int role : sourceRoles(a)) {
                List<CimProperty> props = a.cimClass().properties();
                for (int i = 0; i < props.size(); i++) {
                    if (i != role && isReference(props.get(i)) && nameMatches(Keyword.RESULT_ROLE, props.get(i).name())
                            && a.value(i) instanceof CimObjectPath end && isResultClass(end.className())) {
                        ends.add(end);
                    }
                }
            }
            out.addAll(ends);
        }
        return out;
    }

    /**
     * ClassDefsOnly: the classes of the results among {@code associations} (association classes for REFERENCES,
     * associator classes for ASSOCIATORS), each once.
     */
    public List<CimClass> resultClasses(Iterable<CimInstance> associations) {
        Map<CimName, CimClass> out = new LinkedHashMap<>();
        if (traversal == Traversal.REFERENCES) {
            references(associations).forEach(a -> out.put(a.className(), a.cimClass()));
        } else {
            for (CimObjectPath p : associators(associations)) {
                lookup(p.className()).ifPresent(c -> out.put(c.name(), c));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * For a class path: the association classes that can name the class (REFERENCES), or the classes at their other
     * ends (ASSOCIATORS), each once. Empty for an instance path.
     */
    public List<CimClass> schema() {
        if (!isSchemaQuery()) {
            return List.of();
        }
        if (traversal == Traversal.REFERENCES) {
            return associationClasses();
        }
        Map<CimName, CimClass> out = new LinkedHashMap<>();
        for (CimClass assoc : associationClasses) {
            List<CimProperty> props = assoc.properties();
            for (int role : roles.get(assoc.name())) {
                for (int i = 0; i < props.size(); i++) {
                    CimProperty p = props.get(i);
                    if (i != role && isReference(p) && nameMatches(Keyword.RESULT_ROLE, p.name())
                            && isResultClass(p.dataType().referenceClass())) {
                        lookup(p.dataType().referenceClass()).ifPresent(c -> out.put(c.name(), c));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The indexes of the properties of {@code association} that name the source in an allowed role. */
    private List<Integer> sourceRoles(CimInstance association) {
        int[] candidates = roles.get(association.className());
        if (candidates == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(1);
        for (int i : candidates) {
            if (association.value(i) instanceof CimObjectPath p && p.sameModelPath(source)) {
                out.add(i);
            }
        }
        return out;
    }

    /** For ASSOCIATORS: the associator's class passes ResultClass and RequiredQualifier. */
    private boolean isResultClass(CimName className) {
        Optional<CimClass> c = lookup(className);
        CimName resultClass = names.get(Keyword.RESULT_CLASS);
        CimName qualifier = names.get(Keyword.REQUIRED_QUALIFIER);
        return c.isPresent() && (resultClass == null || c.get().isA(resultClass))
                && (qualifier == null || c.get().qualifiers().get(qualifier).isPresent());
    }

    private Optional<CimClass> lookup(CimName className) {
        return schema.repository().getClass(schema.namespace(), className);
    }
}
