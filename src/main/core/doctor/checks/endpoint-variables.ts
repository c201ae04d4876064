// Rolekeeper's container-credentials endpoint as the shell's variables point at it (endpoint-checks.ts).
import type { DoctorCheck } from '../doctor-context';
import { checkEndpointVariables } from '../endpoint-checks';

export const endpointVariablesCheck: DoctorCheck = { id: 'endpoint-variables', run: (context) => checkEndpointVariables(context.environment) };
