package ai.lepton.ledger.chaincode;

import java.lang.reflect.Method;
import java.util.List;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.ExecutionService;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl;
import org.hyperledger.fabric.contract.systemcontract.SystemContract;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * Lepton's contracts as one in-process {@link Chaincode}, routed exactly as the shim's {@link ContractRouter} routes
 * them in a peer's chaincode process: the same {@link RoutingRegistryImpl}, transaction functions, argument
 * conversion ({@link JSONTransactionSerializer}), {@code Context} and {@code ClientIdentity}, and
 * {@code ContractExecutionService}; refusals become the same error responses.
 *
 * <p>The one difference is discovery. {@code ContractRouter} finds contracts and serializers with two ClassGraph scans
 * of the whole classpath, which on the application's classpath (some 460 jars) take 10 to 25 seconds; here the
 * contracts are listed in {@link #CONTRACTS} (a test checks the list against what a scan finds). Use this where the
 * chaincode runs inside the application (the embedded ledger, tests); the chaincode-as-a-service jar runs
 * {@code ContractRouter} itself ({@link ChaincodeService}), whose classpath is small.
 *
 * <p>Thread-safe: contract instances are created per transaction, as the router does.
 */
public final class LeptonChaincode implements Chaincode {

    /** Lepton's contracts, as {@code ContractRouter} would find them. {@link ProvenanceContract} is the default. */
    public static final List<Class<? extends ContractInterface>> CONTRACTS = List.of(ProvenanceContract.class,
            ComputeLeaseContract.class, DataSharingContract.class, GovernanceContract.class);

    private final RoutingRegistryImpl registry = new RoutingRegistryImpl();
    private final ExecutionService executor;

    public LeptonChaincode() {
        for (Class<? extends ContractInterface> contract : CONTRACTS) {
            register(contract);
        }
        // the system contract ("org.hyperledger.fabric:GetMetadata"), which the router's scan finds in the shim
        register(SystemContract.class);
        executor = ExecutionFactory.getInstance().createExecutionService(new JsonSerializerOnly());
        MetadataBuilder.initialize(registry, TypeRegistry.getRegistry());
    }

    @SuppressWarnings("unchecked")
    private void register(Class<? extends ContractInterface> contract) {
        ContractDefinition definition = registry.addNewContract((Class<ContractInterface>) contract);
        for (Method m : contract.getMethods()) {
            if (m.getAnnotation(Transaction.class) != null) {
                definition.addTxFunction(m);
            }
        }
    }

    /** Routes one transaction: {@code getArgs()} holds the function ({@code Contract:name}) and its arguments. */
    @Override
    public Response invoke(ChaincodeStub stub) {
        try {
            if (stub.getStringArgs().isEmpty()) {
                return ResponseUtils.newSuccessResponse();
            }
            InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
            TxFunction function = registry.containsRoute(request) ? registry.getTxFn(request)
                    : registry.getContract(request.getNamespace()).getUnknownRoute();
            return executor.executeRequest(function, request, stub);
        } catch (RuntimeException e) {
            // as ContractRouter: a ChaincodeException keeps its message and payload, anything else is
            // "Unexpected error" (an unknown contract, a missing argument, a bug)
            return ResponseUtils.newErrorResponse(e);
        }
    }

    /** Fabric 2 lifecycle: init is an ordinary invocation, as in {@code ContractRouter}. */
    @Override
    public Response init(ChaincodeStub stub) {
        return invoke(stub);
    }

    /** The serializer registry the scan would build: the shim's JSON serializer, the only one on the classpath. */
    private static final class JsonSerializerOnly extends SerializerRegistryImpl {
        private final SerializerInterface json = new JSONTransactionSerializer();

        @Override
        public SerializerInterface getSerializer(String name, Serializer.TARGET target) {
            return target == Serializer.TARGET.TRANSACTION
                    && JSONTransactionSerializer.class.getCanonicalName().equals(name) ? json : null;
        }
    }
}
