namespace PiNeurons.Cli.Secrets;

/// <summary>One rule of a dynamic-security role; every rule the generator writes allows (the file's defaults deny).</summary>
/// <param name="Type">The plugin's <c>acltype</c>: <see cref="Send"/>, <see cref="Receive"/>, <see cref="SubscribeLiteral"/>
/// or <see cref="SubscribePattern"/>.</param>
/// <param name="Topic">A topic filter (<c>+</c> and <c>#</c> match as in a subscription), or for
/// <see cref="SubscribeLiteral"/> the exact filter a client may subscribe to.</param>
internal sealed record RoleAcl(string Type, string Topic)
{
    /// <summary>May publish to topics the filter matches.</summary>
    public const string Send = "publishClientSend";

    /// <summary>May be delivered messages on topics the filter matches, live or retained.</summary>
    public const string Receive = "publishClientReceive";

    /// <summary>May subscribe to exactly this filter, compared as a string.</summary>
    public const string SubscribeLiteral = "subscribeLiteral";

    /// <summary>May subscribe to this filter or to one no wider (<c>a/+</c> allows <c>a/b</c>, not <c>a/#</c>).</summary>
    public const string SubscribePattern = "subscribePattern";
}
