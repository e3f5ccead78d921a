package org.replprov.provider.spi;

import java.util.Map;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;

/**
 * Carries out the methods of the classes a provider is registered for.
 *
 * <p>The object manager calls only for a method the class declares, with an instance path whose keys are typed
 * against the class (a class path for a static method), and with exactly the method's in parameters: every one that
 * is not {@code Optional} present and non-NULL, each coerced to its declared type; no unknown ones. It checks the
 * result: a return value of the declared type and only declared out parameters of their types.
 *
 * <p>Method-level failures (a value out of the documented range, the engine saying no) are return values; a path
 * naming no instance is WBEM_E_NOT_FOUND.
 */
public interface MethodProvider extends Provider {

    MethodResult invokeMethod(ProviderContext ctx, CimClass cimClass, CimObjectPath path, CimMethod method,
                              Map<CimName, CimValue> inParameters);
}
