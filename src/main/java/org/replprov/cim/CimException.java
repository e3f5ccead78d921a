package org.replprov.cim;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception of the CIM layers: a {@link WbemStatus}, a description, and optionally the element (property,
 * parameter, key) it concerns. Subclasses add a position where there is one (a query column).
 *
 * <p>Unchecked because it crosses every layer to the transport, which maps it once: CIM-XML {@code <ERROR>}, JSON
 * error object, or CLI exit code.
 */
public class CimException extends RuntimeException {

    private final WbemStatus status;
    private final CimName element;

    public CimException(WbemStatus status, String description) {
        this(status, description, null, null);
    }

    public CimException(WbemStatus status, String description, CimName element) {
        this(status, description, element, null);
    }

    public CimException(WbemStatus status, String description, CimName element, Throwable cause) {
        super(description, cause);
        this.status = Objects.requireNonNull(status, "status");
        this.element = element;
    }

    public WbemStatus status() {
        return status;
    }

    /** The DSP0200 code for CIM-XML. */
    public CimStatus cimStatus() {
        return status.cimStatus();
    }

    /** The property, parameter or key the error concerns, when there is one. */
    public Optional<CimName> element() {
        return Optional.ofNullable(element);
    }

    /** The description without the status. */
    public String description() {
        return super.getMessage();
    }

    /** {@code WBEM_E_NOT_FOUND (0x80041002): description}. */
    @Override
    public String getMessage() {
        return status.describe() + ": " + description();
    }
}
