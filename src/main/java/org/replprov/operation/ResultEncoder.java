package org.replprov.operation;

import java.io.IOException;
import java.util.List;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.provider.spi.MethodResult;

/**
 * What a front end's codec implements to write the results {@link OperationService} produces, in its own encoding,
 * into one response. The service calls exactly one result method (or the start, items and end of a stream), then
 * {@link #finish}; or, on a CIM error, {@link #rewind} and {@link #error}; or, for a caller whose role does not allow
 * the operation, only {@link #denied}.
 *
 * <p>Writes go to a response held back until it is long enough (the protocol's {@code DeferredResponse}), so that an
 * error raised early in a stream can still replace what was written.
 */
public interface ResultEncoder {

    /** GetClass (one class), EnumerateClasses and EnumerateClassNames: the classes, superclasses first. */
    void classes(Operation op, List<CimClass> classes) throws IOException;

    /** GetInstance. */
    void instance(Operation.GetInstance op, CimInstance instance) throws IOException;

    /**
     * Starts the streamed answer of EnumerateInstances, EnumerateInstanceNames or ExecQuery.
     *
     * @param shallow for EnumerateInstances with DeepInheritance FALSE, the requested class, whose properties alone
     *                subclass instances may show (DSP0200 §5.3.2.11); null otherwise
     */
    void startInstances(Operation op, CimClass shallow) throws IOException;

    /**
     * One instance of the stream started last: an instance, or for EnumerateInstanceNames one whose path is wanted.
     * Called from inside the provider's enumeration, so an I/O failure is thrown as an
     * {@link java.io.UncheckedIOException}.
     */
    void streamed(CimInstance instance);

    /** Ends the stream. */
    void endInstances() throws IOException;

    /** InvokeMethod: the method as declared (for the types of its results) and what it returned. */
    void methodResult(Operation.InvokeMethod op, CimMethod method, MethodResult result) throws IOException;

    /**
     * The answer of an Open or Pull operation: a page of the enumeration {@code page.session()} names, with
     * EndOfSequence and the context for the next Pull.
     */
    void page(Operation op, EnumerationContexts.Page<OperationService.OpenEnumeration> page) throws IOException;

    /** EnumerationCount. */
    void count(Operation.EnumerationCount op, long remaining) throws IOException;

    /** CloseEnumeration, which returns nothing. */
    void closed(Operation.CloseEnumeration op) throws IOException;

    /** Completes the response. */
    void finish() throws IOException;

    /**
     * Drops what was written, if nothing was sent yet.
     *
     * @return false when the response was already committed: the error can then only abort it
     */
    boolean rewind();

    /** Answers a CIM error, in place of anything written (rewound) before it. */
    void error(Operation op, CimException e) throws IOException;

    /**
     * Answers that the caller may not run {@code op} (nothing was written): {@code e} is WBEM_E_ACCESS_DENIED. HTTP
     * front ends answer 403.
     */
    void denied(Operation op, CimException e) throws IOException;
}
