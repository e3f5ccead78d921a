package org.replprov.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.WbemStatus;

/**
 * Namespaces, each with its qualifier types, resolved classes (in definition order, superclasses first) and the
 * instances that MOF {@code instance of} declarations made. Immutable: a reload builds a new repository.
 *
 * <p>Namespace names compare ignoring case and separator style ({@code root\MicrosoftDfs} is
 * {@code root/MicrosoftDfs}).
 */
public final class ClassRepository {

    /** One namespace's contents. */
    public record Namespace(String name, Map<CimName, CimQualifierType> qualifierTypes, Map<CimName, CimClass> classes,
                            List<CimInstance> instances) {
        public Namespace {
            qualifierTypes = Collections.unmodifiableMap(new LinkedHashMap<>(qualifierTypes));
            classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
            instances = List.copyOf(instances);
        }
    }

    public static final ClassRepository EMPTY = new ClassRepository(Map.of());

    private final Map<String, Namespace> namespaces;

    private ClassRepository(Map<String, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The canonical key for a namespace name. */
    static String key(String namespace) {
        return CimObjectPath.normalizeNamespace(namespace).toLowerCase(Locale.ROOT);
    }

    /** The namespaces, as first spelled, in creation order. */
    public List<String> namespaces() {
        return namespaces.values().stream().map(Namespace::name).toList();
    }

    public Optional<Namespace> namespace(String namespace) {
        return Optional.ofNullable(namespaces.get(key(namespace)));
    }

    /**
     * The namespace, or WBEM_E_INVALID_NAMESPACE.
     *
     * @throws CimException WBEM_E_INVALID_NAMESPACE
     */
    public Namespace requireNamespace(String namespace) {
        return namespace(namespace).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_INVALID_NAMESPACE,
                "namespace " + namespace + " does not exist"));
    }

    public Optional<CimClass> getClass(String namespace, CimName className) {
        return namespace(namespace).map(ns -> ns.classes().get(className));
    }

    /**
     * The class, or the WMI error for a missing one.
     *
     * @throws CimException WBEM_E_INVALID_NAMESPACE or WBEM_E_INVALID_CLASS
     */
    public CimClass requireClass(String namespace, CimName className) {
        CimClass c = requireNamespace(namespace).classes().get(className);
        if (c == null) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_CLASS,
                    "class " + className + " does not exist in namespace " + namespace, className);
        }
        return c;
    }

    /** Every class of the namespace, superclasses before subclasses. */
    public List<CimClass> classes(String namespace) {
        return namespace(namespace).map(ns -> List.copyOf(ns.classes().values())).orElse(List.of());
    }

    /**
     * The subclasses of {@code className}: direct ones only, or all descendants when {@code deep}. With a null
     * {@code className}, the root classes, or every class when {@code deep} (DSP0200 EnumerateClasses without
     * ClassName). Superclasses come before their subclasses.
     */
    public List<CimClass> subclasses(String namespace, CimName className, boolean deep) {
        List<CimClass> out = new ArrayList<>();
        for (CimClass c : classes(namespace)) {
            Optional<CimClass> sup = c.superClass();
            boolean direct = className == null ? sup.isEmpty() : sup.map(s -> s.name().equals(className)).orElse(false);
            boolean descendant = deep && (className == null || !c.name().equals(className) && c.isA(className));
            if (direct || descendant) {
                out.add(c);
            }
        }
        return out;
    }

    /** The instances declared in MOF for the namespace, in declaration order. */
    public List<CimInstance> instances(String namespace) {
        return namespace(namespace).map(Namespace::instances).orElse(List.of());
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        namespaces.forEach((k, ns) -> b.namespaces.put(k, new Builder.Ns(ns)));
        return b;
    }

    /** Collects namespaces; classes must be added after their superclasses (they arrive resolved). */
    public static final class Builder {
        private final Map<String, Ns> namespaces = new LinkedHashMap<>();

        private static final class Ns {
            final String name;
            final Map<CimName, CimQualifierType> qualifierTypes = new LinkedHashMap<>();
            final Map<CimName, CimClass> classes = new LinkedHashMap<>();
            final List<CimInstance> instances = new ArrayList<>();

            Ns(String name) {
                this.name = CimObjectPath.normalizeNamespace(name);
            }

            Ns(Namespace ns) {
                this(ns.name());
                qualifierTypes.putAll(ns.qualifierTypes());
                classes.putAll(ns.classes());
                instances.addAll(ns.instances());
            }
        }

        private Builder() {
        }

        private Ns ns(String namespace) {
            return namespaces.computeIfAbsent(key(namespace), k -> new Ns(namespace));
        }

        public Builder namespace(String namespace) {
            ns(namespace);
            return this;
        }

        public Builder qualifierType(String namespace, CimQualifierType type) {
            ns(namespace).qualifierTypes.put(type.name(), type);
            return this;
        }

        public Optional<CimQualifierType> qualifierType(String namespace, CimName name) {
            Ns ns = namespaces.get(key(namespace));
            return ns == null ? Optional.empty() : Optional.ofNullable(ns.qualifierTypes.get(name));
        }

        /**
         * Adds (or replaces) a class. Its superclass must already be in the namespace.
         *
         * @throws CimException WBEM_E_INVALID_SUPERCLASS when it is not
         */
        public Builder addClass(String namespace, CimClass cimClass) {
            Ns ns = ns(namespace);
            cimClass.superClass().ifPresent(sup -> {
                if (!ns.classes.containsKey(sup.name())) {
                    throw new CimException(WbemStatus.WBEM_E_INVALID_SUPERCLASS,
                            "superclass " + sup.name() + " of " + cimClass.name() + " is not in namespace " + namespace);
                }
            });
            ns.classes.put(cimClass.name(), cimClass);
            return this;
        }

        public Optional<CimClass> getClass(String namespace, CimName name) {
            Ns ns = namespaces.get(key(namespace));
            return ns == null ? Optional.empty() : Optional.ofNullable(ns.classes.get(name));
        }

        public Builder addInstance(String namespace, CimInstance instance) {
            ns(namespace).instances.add(instance);
            return this;
        }

        public ClassRepository build() {
            Map<String, Namespace> out = new LinkedHashMap<>();
            namespaces.forEach((k, ns) -> out.put(k,
                    new Namespace(ns.name, ns.qualifierTypes, ns.classes, ns.instances)));
            return new ClassRepository(Collections.unmodifiableMap(out));
        }
    }
}
