/// `struct ucred` as `SO_PEERCRED` fills it: the peer's pid, uid and gid at connect time.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
