using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the token service: signing keys kept in <paramref name="keyDirectory"/>, token issuing and
    /// validation, and request authentication. Bind <see cref="AuthOptions"/> separately.
    /// </summary>
    public static IServiceCollection AddTokenService(this IServiceCollection services, string keyDirectory) => services
        .AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>()
        .AddSingleton(sp => new SigningKeyRing(
            keyDirectory,
            sp.GetRequiredService<IOptions<AuthOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SigningKeyRing>>()))
        .AddSingleton<TokenIssuer>()
        .AddSingleton<TokenValidator>()
        .AddSingleton<RequestAuthenticator>()
        .AddSingleton<ScopeGranter>();
}
