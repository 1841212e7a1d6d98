package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "model_alias")
@IdClass(ModelAliasEntity.Key.class)
public class ModelAliasEntity {
    @Id
    @Column(name = "model_id")
    public Long modelId;
    @Id
    public String alias;
    public int version;

    public static class Key implements Serializable {
        public Long modelId;
        public String alias;

        public Key() {
        }

        public Key(Long modelId, String alias) {
            this.modelId = modelId;
            this.alias = alias;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(modelId, k.modelId) && Objects.equals(alias, k.alias);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelId, alias);
        }
    }
}
