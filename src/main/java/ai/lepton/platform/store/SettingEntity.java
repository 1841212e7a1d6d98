package ai.lepton.platform.store;

import jakarta.persistence.*;

@Entity
@Table(name = "platform_setting")
public class SettingEntity {
    @Id
    public String name;
    @Column(name = "setting_value")
    public String value;
}
