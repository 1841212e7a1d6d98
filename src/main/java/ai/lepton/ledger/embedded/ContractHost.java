package ai.lepton.ledger.embedded;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Runs chaincode the way a Fabric peer's Java chaincode container does: through the shim's {@link ContractRouter},
 * which routes {@code "Contract:function"} (or a bare function of the {@code @Default} contract) to the annotated
 * method, converts arguments and return values with the contract's serializer, and builds a {@code Context} whose
 * {@code ClientIdentity} is parsed from the stub's creator. The system contract
 * ({@code org.hyperledger.fabric:GetMetadata}) is registered too.
 *
 * <p>Finding the contracts is the one step done differently. The shim's own start-up ({@code findAllContracts})
 * scans the entire class path with ClassGraph, which inside Lepton (hundreds of jars) took 12-24 s on the project's
 * machine; a peer's chaincode jar holds only the contracts. Here the same ClassGraph query (classes annotated
 * {@code @Contract} implementing {@code ContractInterface}, and {@code @DataType} classes) runs over the given
 * packages only, and its results are registered into the router's own routing registry exactly as the shim's
 * {@code RoutingRegistryImpl.findAndSetContracts} does; the registry is read from the router's private field, the
 * only non-public step (pinned by the shim version in the pom and covered by the tests).
 *
 * <p>One router per set of packages, shared by every ledger in the JVM and started on the first endorsement (opening
 * a ledger, verifying it and following its events need no chaincode). The router's own constructor would also scan
 * the whole class path for {@code @Serializer} classes (11-12 s with Lepton's class path on its 2-core machine) and
 * set up JVM-wide logging for a standalone chaincode process; {@link #assembleRouter} builds the same router without
 * either. Should that ever fail (another shim version), the constructor is used, with the root logging handlers
 * detached while it runs and the levels restored after. The router logs three INFO lines per invocation; its logger
 * is set to WARNING (raise {@code org.hyperledger.fabric.contract.ContractRouter} to see them).
 */
final class ContractHost {

    private static final System.Logger LOG = System.getLogger(ContractHost.class.getName());
    private static final String CHAINCODE_ID = "lepton";
    private static final String SYSTEM_CONTRACT_PACKAGE = "org.hyperledger.fabric.contract.systemcontract";
    private static final Map<List<String>, ContractHost> HOSTS = new HashMap<>();
    // held so the level set on it is not lost with a weakly referenced logger before the router's class holds it
    private static final Logger ROUTER_LOGGER = Logger.getLogger(ContractRouter.class.getName());
    /**
     * The shim logs every contract it finds and every metadata field at INFO, and every refused transaction at
     * SEVERE with a stack trace (a refusal is an ordinary answer here: the ledger reports it in the receipt).
     */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.hyperledger.fabric.contract"),
            Logger.getLogger("org.hyperledger.fabric.shim.ResponseUtils"));

    private final ContractRouter router;

    private ContractHost(ContractRouter router) {
        this.router = router;
    }

    /** The host for the contracts in {@code packages} (and their sub-packages), started on first use. */
    static ContractHost forPackages(List<String> packages) {
        List<String> key = packages.stream().sorted().distinct().toList();
        synchronized (HOSTS) {
            return HOSTS.computeIfAbsent(key, ContractHost::start);
        }
    }

    Chaincode.Response invoke(ChaincodeStub stub) {
        return router.invoke(stub);
    }

    /**
     * The router's constructor finds serializers with a ClassGraph scan of the class path; under a class loader
     * ClassGraph cannot enumerate (Quarkus's runner, for one) it finds none, and every call would fail. The shim's
     * own JSON serializer is then registered under the name contracts use by default.
     */
    @SuppressWarnings("unchecked")
    private static void ensureJsonSerializer(ContractRouter router) {
        String key = JSONTransactionSerializer.class.getName() + ":" + Serializer.TARGET.TRANSACTION;
        try {
            Field f = ContractRouter.class.getDeclaredField("serializers");
            f.setAccessible(true);
            SerializerRegistryImpl serializers = (SerializerRegistryImpl) f.get(router);
            if (serializers.getSerializer(JSONTransactionSerializer.class.getName(),
                    Serializer.TARGET.TRANSACTION) == null) {
                Field contents = SerializerRegistryImpl.class.getDeclaredField("contents");
                contents.setAccessible(true);
                ((Map<String, SerializerInterface>) contents.get(serializers)).put(key,
                        new JSONTransactionSerializer());
                LOG.log(Level.INFO, "The shim''s serializer scan found no serializers; registered {0}", key);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this fabric-chaincode-shim's ContractRouter has no serializer "
                    + "registry field; the embedded ledger is written for 2.5.x", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ContractHost start(List<String> packages) {
        long t0 = System.nanoTime();
        LOG.log(Level.INFO, "Starting the chaincode router for the contracts in {0}", packages);
        ROUTER_LOGGER.setLevel(java.util.logging.Level.WARNING);
        QUIETED.get(0).setLevel(java.util.logging.Level.WARNING);
        QUIETED.get(1).setLevel(java.util.logging.Level.OFF);
        ContractRouter router;
        try {
            router = assembleRouter();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not assemble the chaincode router without its class-path scan ({0}); "
                    + "constructing it the shim''s way", e.toString());
            router = constructRouter();
        }
        long tRouter = System.nanoTime();
        RoutingRegistry registry;
        try {
            Field f = ContractRouter.class.getDeclaredField("registry");
            f.setAccessible(true);
            registry = (RoutingRegistry) f.get(router);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this fabric-chaincode-shim's ContractRouter has no routing registry "
                    + "field; the embedded ledger is written for 2.5.x", e);
        }
        TypeRegistry types = TypeRegistry.getRegistry();
        List<String> scanned = new ArrayList<>(packages);
        scanned.add(SYSTEM_CONTRACT_PACKAGE);
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableAnnotationInfo()
                .acceptPackages(scanned.toArray(String[]::new)).scan()) {
            for (ClassInfo ci : scan.getClassesWithAnnotation(Contract.class.getName())) {
                Class<?> c = ci.loadClass();
                if (c.getAnnotation(Contract.class) == null || !ContractInterface.class.isAssignableFrom(c)
                        || !seen.add(c.getName())) {
                    continue;
                }
                ContractDefinition def = registry.addNewContract((Class<ContractInterface>) c);
                for (Method m : c.getMethods()) {
                    if (m.getAnnotation(Transaction.class) != null) {
                        def.addTxFunction(m);
                    }
                }
                names.add(def.getName());
            }
            for (ClassInfo ci : scan.getClassesWithAnnotation(DataType.class.getName())) {
                Class<?> c = ci.loadClass();
                if (c.getAnnotation(DataType.class) != null) {
                    types.addDataType(c);
                }
            }
        }
        ensureJsonSerializer(router);
        MetadataBuilder.initialize(registry, types);
        LOG.log(Level.INFO, "Chaincode router started in {0} ms ({1} ms assembling the router) with contracts {2}",
                (System.nanoTime() - t0) / 1_000_000, (tRouter - t0) / 1_000_000, names);
        return new ContractHost(router);
    }

    /**
     * The router as its constructor would build it, minus the constructor's whole-class-path ClassGraph scan for
     * {@code @Serializer} classes (11-12 s with Lepton's class path on 2 cores, every start) and minus what only a
     * standalone chaincode process needs (JVM-wide logging set-up, command-line and environment options, metrics and
     * tracing providers for the chaincode server). The instance is allocated without running a constructor and its
     * four fields are set as the 2.5.x constructor sets them: a routing registry, the static type registry, a
     * serializer registry (the shim's JSON serializer is registered by {@link #ensureJsonSerializer}) and the
     * execution service over it. {@code invoke} reads nothing else (checked against the 2.5.7 bytecode; the 235
     * chaincode tests and the ledger tests run through this path).
     */
    private static ContractRouter assembleRouter() throws ReflectiveOperationException {
        Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        ContractRouter router = (ContractRouter) unsafe.getClass().getMethod("allocateInstance", Class.class)
                .invoke(unsafe, ContractRouter.class);
        SerializerRegistryImpl serializers = new SerializerRegistryImpl();
        setField(router, "registry", new RoutingRegistryImpl());
        setField(router, "typeRegistry", TypeRegistry.getRegistry());
        setField(router, "serializers", serializers);
        setField(router, "executor", ExecutionFactory.getInstance().createExecutionService(serializers));
        return router;
    }

    private static void setField(ContractRouter router, String name, Object value) throws ReflectiveOperationException {
        Field f = ContractRouter.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(router, value);
    }

    /** The shim's own construction, with its JVM-wide logging changes undone. */
    private static ContractRouter constructRouter() {
        ContractRouter router;
        Logger root = Logger.getLogger("");
        Handler[] handlers = root.getHandlers();
        String formatKey = "java.util.logging.SimpleFormatter.format";
        String format = System.getProperty(formatKey);
        List<Logger> touched = List.of(Logger.getLogger("org.hyperledger.fabric.contract"),
                Logger.getLogger("org.hyperledger.fabric.shim"));
        List<java.util.logging.Level> levels = new ArrayList<>();
        for (Logger l : touched) {
            levels.add(l.getLevel());
        }
        for (Handler h : handlers) {
            root.removeHandler(h);
        }
        try {
            router = new ContractRouter(new String[] {"-i", CHAINCODE_ID});
        } finally {
            for (Handler h : handlers) {
                root.addHandler(h);
            }
            if (format == null) {
                System.clearProperty(formatKey);
            } else {
                System.setProperty(formatKey, format);
            }
            for (int i = 0; i < touched.size(); i++) {
                touched.get(i).setLevel(levels.get(i));
            }
        }
        return router;
    }
}
