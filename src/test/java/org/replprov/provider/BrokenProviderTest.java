package org.replprov.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.IndicationSink;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;

/** A provider bug becomes WBEM_E_PROVIDER_FAILURE (CIM_ERR_FAILED) naming the provider, never a malformed answer. */
class BrokenProviderTest {

    static final String NS = "root/test";
    static final CimClass WIDGET = CimClass.builder("Widget")
            .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("Size", CimDataType.UINT8, CimQualifier.of("MaxValue", CimValue.uint32(10))))
            .method(new CimMethod(CimName.of("Spin"), CimDataType.UINT32, List.of(
                    CimParameter.of("Speed", CimDataType.UINT32, CimQualifier.flag("In"),
                            CimQualifier.flag("Optional")),
                    CimParameter.of("Turns", CimDataType.UINT32, CimQualifier.of("In", CimValue.bool(false)),
                            CimQualifier.flag("Out"))), org.replprov.cim.CimQualifiers.NONE, null, false))
            .build();
    static final CimClass OTHER = CimClass.builder("Other")
            .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key"))).build();
    static final ClassRepository REPO = ClassRepository.builder().addClass(NS, WIDGET).addClass(NS, OTHER).build();
    static final CimObjectPath W1 = CimObjectPath.parse("Widget.Id=\"w1\"");

    /** A provider whose every answer the test scripts. */
    static class Scripted implements InstanceProvider, MethodProvider, IndicationProvider {
        Consumer<InstanceSink> instances = out -> { };
        MethodResult result = MethodResult.of(CimValue.uint32(0));
        IndicationSink sink;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void enumerateInstances(ProviderContext ctx, CimClass c, InstanceSink out) {
            instances.accept(out);
        }

        @Override
        public MethodResult invokeMethod(ProviderContext ctx, CimClass c, CimObjectPath path, CimMethod m,
                                         Map<CimName, CimValue> in) {
            return result;
        }

        @Override
        public void enableIndications(ProviderContext ctx, CimClass c, IndicationSink s) {
            sink = s;
        }

        @Override
        public void disableIndications(ProviderContext ctx, CimClass c) {
            sink = null;
        }
    }

    private static CimInstance widget(String id, int size) {
        return CimInstance.builder(WIDGET).set("Id", id).set("Size", CimValue.uint8(size)).build();
    }

    private static void assertProviderFailure(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CimException.class, e -> {
            assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_PROVIDER_FAILURE);
            assertThat(e.cimStatus()).isEqualTo(CimStatus.CIM_ERR_FAILED);
        }).hasMessageContaining("provider 'scripted'").hasMessageContaining(detail);
    }

    private final Scripted p = new Scripted();
    private final ObjectManager om = ObjectManager.builder(REPO).register(NS, WIDGET.name(), p).build();

    @Test
    void wellFormedAnswersPass() {
        p.instances = out -> out.accept(widget("w1", 3));
        assertThat(om.getInstance(NS, W1).value("Size")).isEqualTo(CimValue.uint8(3));
        var r = om.invokeMethod(NS, W1, CimName.of("Spin"), Map.of());
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
    }

    @Test
    void anInstanceOfAnotherClass() {
        p.instances = out -> out.accept(CimInstance.builder(OTHER).set("Id", "o").build());
        assertProviderFailure(() -> om.enumerateInstances(NS, WIDGET.name()), "instance of Other where Widget");
    }

    @Test
    void anInstanceWithoutItsKey() {
        p.instances = out -> out.accept(CimInstance.builder(WIDGET).set("Size", CimValue.uint8(1)).build());
        assertProviderFailure(() -> om.enumerateInstances(NS, WIDGET.name()), "key property Id is NULL");
    }

    @Test
    void aValueOutsideItsQualifiers() {
        p.instances = out -> out.accept(widget("w1", 11));
        assertProviderFailure(() -> om.enumerateInstances(NS, WIDGET.name()), "exceeds MaxValue 10");
    }

    @Test
    void aQueryIsRefusedWhenItWouldReturnAMalformedInstance() {
        p.instances = out -> {
            out.accept(widget("w1", 3));
            out.accept(widget("w2", 11));
        };
        assertThat(om.execQuery(NS, "SELECT * FROM Widget WHERE Size < 5")).hasSize(1);
        assertProviderFailure(() -> om.execQuery(NS, "SELECT * FROM Widget WHERE Size > 5"), "exceeds MaxValue 10");
    }

    @Test
    void anUncheckedException() {
        p.instances = out -> {
            throw new NullPointerException("forgot something");
        };
        assertProviderFailure(() -> om.enumerateInstances(NS, WIDGET.name()), "forgot something");
    }

    @Test
    void aReturnValueOfTheWrongType() {
        p.result = MethodResult.of(CimValue.string("fine"));
        assertProviderFailure(() -> om.invokeMethod(NS, W1, CimName.of("Spin"), Map.of()),
                "returned string 'fine' for a uint32 return value");
    }

    @Test
    void anUndeclaredOutParameter() {
        p.result = new MethodResult(CimValue.uint32(0), Map.of(CimName.of("Speed"), CimValue.uint32(1)));
        assertProviderFailure(() -> om.invokeMethod(NS, W1, CimName.of("Spin"), Map.of()),
                "undeclared out parameter Speed");
        p.result = new MethodResult(CimValue.uint32(0), Map.of(CimName.of("Turns"), CimValue.string("7")));
        assertThat(om.invokeMethod(NS, W1, CimName.of("Spin"), Map.of()).outParameters())
                .containsEntry(CimName.of("Turns"), CimValue.uint32(7));
    }

    @Test
    void aParameterThatIsOutOnlyIsNotAnInput() {
        assertThatThrownBy(() -> om.invokeMethod(NS, W1, CimName.of("Spin"),
                Map.of(CimName.of("Turns"), CimValue.uint32(1))))
                .isInstanceOfSatisfying(CimException.class, e -> assertThat(e.status())
                        .isEqualTo(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS));
    }

    @Test
    void aMalformedIndicationIsDroppedAndTheStreamGoesOn() {
        try (IndicationStream s = om.subscribe(NS,
                "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'Widget'")) {
            var now = java.time.Instant.now();
            p.sink.deliver(Indication.created(widget("bad", 99), now));
            p.sink.deliver(Indication.created(widget("good", 1), now));
            assertThat(s.drain()).extracting(i -> i.targetInstance().value("Id").text()).containsExactly("good");
        }
    }

    @Test
    void registeringTwoProvidersForOneRoleIsRefused() {
        assertThatThrownBy(() -> ObjectManager.builder(REPO).register(NS, WIDGET.name(), new Scripted())
                .register(NS, WIDGET.name(), new Scripted())).isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_ALREADY_EXISTS));
        assertThatThrownBy(() -> ObjectManager.builder(REPO).register(NS, CimName.of("Gadget"), new Scripted()))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_CLASS));
    }
}
