import MaintenanceWeb

@main struct MaintdWeb { static func main() {} }
