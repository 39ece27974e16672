/// The version every binary reports (`--version`) and `org.varlink.service.GetInfo` returns.
public enum ProductVersion {
    public static let text = "0.3.0"
}
