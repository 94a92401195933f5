namespace EcsOps.Sandbox.World;

/// <summary>The world file's keys, class by class (camelCase, ECS's own spelling where one exists).</summary>
internal static class WorldYamlMaps
{
    private static readonly YamlObjectMap<KmsKeyDefinition> s_kmsKey = new YamlObjectMap<KmsKeyDefinition>("a KMS key", () => new())
        .Text("id", (k, v) => k.Id = v)
        .OptionalText("region", (k, v) => k.Region = v)
        .OptionalText("alias", (k, v) => k.Alias = v)
        .Boolean("enabled", (k, v) => k.Enabled = v);

    private static readonly YamlObjectMap<SecretDefinition> s_secret = new YamlObjectMap<SecretDefinition>("a secret", () => new())
        .Text("name", (s, v) => s.Name = v)
        .OptionalText("region", (s, v) => s.Region = v)
        .OptionalText("value", (s, v) => s.Value = v)
        .OptionalText("binaryBase64", (s, v) => s.BinaryBase64 = v);

    private static readonly YamlObjectMap<PortMappingDefinition> s_portMapping = new YamlObjectMap<PortMappingDefinition>("a port mapping", () => new())
        .Integer("containerPort", (p, v) => p.ContainerPort = v)
        .Text("protocol", (p, v) => p.Protocol = v)
        .OptionalText("name", (p, v) => p.Name = v);

    private static readonly YamlObjectMap<LogConfigurationDefinition> s_logConfiguration =
        new YamlObjectMap<LogConfigurationDefinition>("a log configuration", () => new())
            .Text("logDriver", (l, v) => l.LogDriver = v)
            .TextMap("options", (l, v) => l.Options = v);

    private static readonly YamlObjectMap<ContainerDefinitionDefinition> s_container =
        new YamlObjectMap<ContainerDefinitionDefinition>("a container definition", () => new())
            .Text("name", (c, v) => c.Name = v)
            .Text("image", (c, v) => c.Image = v)
            .TextList("entryPoint", (c, v) => c.EntryPoint = v)
            .TextList("command", (c, v) => c.Command = v)
            .Boolean("essential", (c, v) => c.Essential = v)
            .TextMap("environment", (c, v) => c.Environment = v)
            .TextMap("secrets", (c, v) => c.Secrets = v)
            .ObjectList("portMappings", s_portMapping, (c, v) => c.PortMappings = v)
            .Object("logConfiguration", s_logConfiguration, (c, v) => c.LogConfiguration = v)
            .Boolean("readonlyRootFilesystem", (c, v) => c.ReadonlyRootFilesystem = v)
            .Boolean("initProcessEnabled", (c, v) => c.InitProcessEnabled = v)
            .OptionalText("user", (c, v) => c.User = v)
            .OptionalText("workingDirectory", (c, v) => c.WorkingDirectory = v);

    private static readonly YamlObjectMap<TaskDefinitionDefinition> s_taskDefinition =
        new YamlObjectMap<TaskDefinitionDefinition>("a task definition", () => new())
            .Text("family", (t, v) => t.Family = v)
            .Integer("revision", (t, v) => t.Revision = v)
            .OptionalText("region", (t, v) => t.Region = v)
            .OptionalText("taskRoleArn", (t, v) => t.TaskRoleArn = v)
            .OptionalText("executionRoleArn", (t, v) => t.ExecutionRoleArn = v)
            .Text("networkMode", (t, v) => t.NetworkMode = v)
            .Text("cpu", (t, v) => t.Cpu = v)
            .Text("memory", (t, v) => t.Memory = v)
            .Text("cpuArchitecture", (t, v) => t.CpuArchitecture = v)
            .ObjectList("containers", s_container, (t, v) => t.Containers = v);

    private static readonly YamlObjectMap<ExecuteCommandConfigurationDefinition> s_executeCommandConfiguration =
        new YamlObjectMap<ExecuteCommandConfigurationDefinition>("an executeCommandConfiguration", () => new())
            .OptionalText("kmsKeyId", (e, v) => e.KmsKeyId = v)
            .Text("logging", (e, v) => e.Logging = v)
            .OptionalText("cloudWatchLogGroupName", (e, v) => e.CloudWatchLogGroupName = v)
            .Boolean("cloudWatchEncryptionEnabled", (e, v) => e.CloudWatchEncryptionEnabled = v)
            .OptionalText("s3BucketName", (e, v) => e.S3BucketName = v)
            .Boolean("s3EncryptionEnabled", (e, v) => e.S3EncryptionEnabled = v)
            .OptionalText("s3KeyPrefix", (e, v) => e.S3KeyPrefix = v);

    private static readonly YamlObjectMap<NetworkConfigurationDefinition> s_networkConfiguration =
        new YamlObjectMap<NetworkConfigurationDefinition>("a networkConfiguration", () => new())
            .TextList("subnets", (n, v) => n.Subnets = v)
            .TextList("securityGroups", (n, v) => n.SecurityGroups = v)
            .Text("assignPublicIp", (n, v) => n.AssignPublicIp = v);

    private static readonly YamlObjectMap<ContainerInstanceDefinition> s_containerInstance =
        new YamlObjectMap<ContainerInstanceDefinition>("a task's container", () => new())
            .Text("name", (c, v) => c.Name = v)
            .OptionalText("runtimeId", (c, v) => c.RuntimeId = v)
            .OptionalText("agentStatus", (c, v) => c.AgentStatus = v)
            .OptionalText("privateIpv4Address", (c, v) => c.PrivateIpv4Address = v);

    private static readonly YamlObjectMap<TaskInstanceDefinition> s_task = new YamlObjectMap<TaskInstanceDefinition>("a task", () => new())
        .OptionalText("id", (t, v) => t.Id = v)
        .OptionalText("taskDefinition", (t, v) => t.TaskDefinition = v)
        .OptionalBoolean("enableExecuteCommand", (t, v) => t.EnableExecuteCommand = v)
        .Text("platformVersion", (t, v) => t.PlatformVersion = v)
        .OptionalText("startedBy", (t, v) => t.StartedBy = v)
        .OptionalText("agentVersion", (t, v) => t.AgentVersion = v)
        .ObjectList("containers", s_containerInstance, (t, v) => t.Containers = v);

    private static readonly YamlObjectMap<ServiceDefinition> s_service = new YamlObjectMap<ServiceDefinition>("a service", () => new())
        .Text("name", (s, v) => s.Name = v)
        .Text("taskDefinition", (s, v) => s.TaskDefinition = v)
        .Integer("desiredCount", (s, v) => s.DesiredCount = v)
        .Boolean("enableExecuteCommand", (s, v) => s.EnableExecuteCommand = v)
        .Text("launchType", (s, v) => s.LaunchType = v)
        .Object("networkConfiguration", s_networkConfiguration, (s, v) => s.NetworkConfiguration = v)
        .ObjectList("tasks", s_task, (s, v) => s.Tasks = v);

    private static readonly YamlObjectMap<ClusterDefinition> s_cluster = new YamlObjectMap<ClusterDefinition>("a cluster", () => new())
        .Text("name", (c, v) => c.Name = v)
        .OptionalText("region", (c, v) => c.Region = v)
        .Object("executeCommandConfiguration", s_executeCommandConfiguration, (c, v) => c.ExecuteCommandConfiguration = v)
        .ObjectList("services", s_service, (c, v) => c.Services = v)
        .ObjectList("tasks", s_task, (c, v) => c.Tasks = v);

    private static readonly YamlObjectMap<SubnetDefinition> s_subnet = new YamlObjectMap<SubnetDefinition>("a subnet", () => new())
        .Text("id", (s, v) => s.Id = v)
        .OptionalText("availabilityZone", (s, v) => s.AvailabilityZone = v)
        .Text("cidrBlock", (s, v) => s.CidrBlock = v)
        .Text("defaultRoute", (s, v) => s.DefaultRoute = v);

    private static readonly YamlObjectMap<VpcDefinition> s_vpc = new YamlObjectMap<VpcDefinition>("a VPC", () => new())
        .Text("id", (x, v) => x.Id = v)
        .OptionalText("region", (x, v) => x.Region = v)
        .Text("cidrBlock", (x, v) => x.CidrBlock = v)
        .ObjectList("subnets", s_subnet, (x, v) => x.Subnets = v)
        .TextList("endpoints", (x, v) => x.Endpoints = v);

    private static readonly YamlObjectMap<BucketDefinition> s_bucket = new YamlObjectMap<BucketDefinition>("a bucket", () => new())
        .Text("name", (b, v) => b.Name = v)
        .OptionalText("region", (b, v) => b.Region = v);

    private static readonly YamlObjectMap<AccountDefinition> s_account = new YamlObjectMap<AccountDefinition>("an account", () => new())
        .Text("id", (a, v) => a.Id = v)
        .Text("name", (a, v) => a.Name = v)
        .Text("userName", (a, v) => a.UserName = v)
        .Text("accessKeyId", (a, v) => a.AccessKeyId = v)
        .Text("secretAccessKey", (a, v) => a.SecretAccessKey = v)
        .TextList("roles", (a, v) => a.Roles = v)
        .TextList("deniedActions", (a, v) => a.DeniedActions = v)
        .ObjectList("kmsKeys", s_kmsKey, (a, v) => a.KmsKeys = v)
        .ObjectList("secrets", s_secret, (a, v) => a.Secrets = v)
        .ObjectList("taskDefinitions", s_taskDefinition, (a, v) => a.TaskDefinitions = v)
        .ObjectList("clusters", s_cluster, (a, v) => a.Clusters = v)
        .ObjectList("vpcs", s_vpc, (a, v) => a.Vpcs = v)
        .ObjectList("buckets", s_bucket, (a, v) => a.Buckets = v);

    /// <summary>The whole world file.</summary>
    public static readonly YamlObjectMap<WorldDefinition> World = new YamlObjectMap<WorldDefinition>("the world", () => new())
        .TextList("regions", (w, v) => w.Regions = v)
        .ObjectList("accounts", s_account, (w, v) => w.Accounts = v);
}
