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
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
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
 * a ledger, verifying it and following its events need no chaincode): the router's constructor itself scans the
 * whole class path once for {@code @Serializer} classes, 8 s with this project's test class path on its 2-core
 * machine. The shim's type registry and metadata are static anyway.
 *
 * <p>The router's constructor reconfigures JVM-wide {@code java.util.logging} for a standalone chaincode process (a
 * formatter on every root handler, levels of the shim's loggers); inside Lepton that would change the application's
 * log format, so the root handlers are detached while it runs and the levels restored after. The router logs three
 * INFO lines per invocation; its logger is set to WARNING (raise
 * {@code org.hyperledger.fabric.contract.ContractRouter} to see them).
 */
final class ContractHost {

    private static final System.Logger LOG = System.getLogger(ContractHost.class.getName());
    private static final String CHAINCODE_ID = "lepton";
    private static final String SYSTEM_CONTRACT_PACKAGE = "org.hyperledger.fabric.contract.systemcontract";
    private static final Map<List<String>, ContractHost> HOSTS = new HashMap<>();
    // held so the level set on it is not lost with a weakly referenced logger before the router's class holds it
    private static final Logger ROUTER_LOGGER = Logger.getLogger(ContractRouter.class.getName());

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
        ROUTER_LOGGER.setLevel(java.util.logging.Level.WARNING);
        ContractRouter router;
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
        LOG.log(Level.INFO, "Chaincode router started in {0} ms ({1} ms in the router''s constructor, most of it "
                + "the shim''s class-path scan for @Serializer classes) with contracts {2}",
                (System.nanoTime() - t0) / 1_000_000, (tRouter - t0) / 1_000_000, names);
        return new ContractHost(router);
    }
}
