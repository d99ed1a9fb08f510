namespace PiNeurons.Cli.Secrets;

/// <summary>A password as Mosquitto's dynamic-security plugin stores it (<see cref="DynamicSecurityPassword"/>).</summary>
/// <param name="Hash">The base64 PBKDF2 output (the JSON's <c>password</c>).</param>
/// <param name="Salt">The base64 salt.</param>
/// <param name="Iterations">The PBKDF2 iteration count.</param>
internal sealed record StoredPassword(string Hash, string Salt, int Iterations);
