package floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;

/** The floor's one endpoint: a bearer token compared, then one query, as Lepton's first request does. */
@Path("/api/projects")
public class ItemResource {

    @GET
    public List<Item> list(@HeaderParam("Authorization") String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new WebApplicationException(401);
        }
        return Item.find("name is not null order by name").page(0, 100).list();
    }
}
