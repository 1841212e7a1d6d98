package ai.lepton.data.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "dataset_version")
public class DatasetVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dataset_id")
    public Long datasetId;
    public int number;
    public String sha256;
    @Column(name = "row_count")
    public long rowCount;
    @Column(name = "columns_json")
    public String columnsJson;
    @Column(name = "profile_json")
    public String profileJson;
    @Column(name = "duplicates_removed")
    public long duplicatesRemoved;
    @Column(name = "rejected_count")
    public long rejectedCount;
    @Column(name = "rejected_json")
    public String rejectedJson;
    @Column(name = "parent_number")
    public Integer parentNumber;
    public String source;
    public String format;
    @Column(name = "on_error")
    public String onError;
    public String pii;
    @Column(name = "bytes_read")
    public long bytesRead;
    @Column(name = "canonical_bytes")
    public long canonicalBytes;
    @Column(name = "row_index_interval")
    public int rowIndexInterval;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
