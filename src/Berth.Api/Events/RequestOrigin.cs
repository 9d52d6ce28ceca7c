using Berth.Core.Events;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Events;

/// <summary>The facts of an HTTP request that events caused by it carry (ACR's webhook <c>request</c> object); never credentials.</summary>
public static class RequestOrigin
{
    public static EventOrigin Of(HttpContext context, Principal actor)
    {
        var request = context.Request;
        var userAgent = request.Headers.UserAgent.ToString();
        return new EventOrigin(
            new EventRequest(context.TraceIdentifier, request.Host.Value, request.Method, userAgent.Length == 0 ? null : userAgent),
            actor.Name);
    }
}
