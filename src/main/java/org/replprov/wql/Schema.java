package org.replprov.wql;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimName;
import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.ast.ClassRef;

/** The classes of one namespace, as the compilers of this package ask about them. */
record Schema(ClassRepository repository, String namespace) implements ConditionCompiler.ClassLookup {

    /**
     * The class {@code ref} names.
     *
     * @throws WqlParseException WBEM_E_INVALID_CLASS at the name's column when the namespace has no such class
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_NAMESPACE when the namespace does not exist
     */
    CimClass require(ClassRef ref) {
        repository.requireNamespace(namespace);
        return repository.getClass(namespace, ref.name()).orElseThrow(() -> new WqlParseException(
                WbemStatus.WBEM_E_INVALID_CLASS, "class " + ref.name() + " does not exist in namespace " + namespace,
                ref.column(), ref.name().toString()));
    }

    @Override
    public boolean exists(CimName className) {
        return repository.getClass(namespace, className).isPresent();
    }

    /** {@code root} followed by all its subclasses, superclasses first: the classes a query over root covers. */
    List<CimClass> withSubclasses(CimClass root) {
        List<CimClass> out = new ArrayList<>();
        out.add(root);
        out.addAll(repository.subclasses(namespace, root.name(), true));
        return out;
    }
}
