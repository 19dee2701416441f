#!/usr/bin/env bash
# Releases one image of one service to one environment (run by the pipeline's deploy action).
#
# 1. checks IMAGE_TAG is a full commit SHA that exists in the service's repository;
# 2. records it in the SSM parameter the service stack reads its image tag from;
# 3. updates the service stack in place (same template, SSM parameters re-resolved), so CloudFormation
#    rolls the ECS service to the new image, scales it up from zero on the first release, and waits
#    for ECS's verdict: the circuit breaker (tasks that do not start or stay unhealthy) and the
#    deployment alarms (errors, latency), either of which rolls the service back and fails the update;
# 4. checks that the ECS service really runs the new image with its deployment completed.
# If any of that fails, the parameter goes back to the previous tag, so a later `cdk deploy` redeploys
# what actually runs, never the image that failed, and the pipeline's release step fails.
set -euo pipefail
: "${IMAGE_TAG:?}" "${REPOSITORY_NAME:?}" "${PARAMETER_NAME:?}" "${STACK_NAME:?}" "${CLUSTER_NAME:?}" "${SERVICE_NAME:?}"

if [[ ! "$IMAGE_TAG" =~ ^[0-9a-f]{40}$ ]]; then
  echo "IMAGE_TAG '$IMAGE_TAG' is not a full commit SHA: nothing released" >&2
  exit 1
fi
aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids "imageTag=$IMAGE_TAG" >/dev/null

previous=$(aws ssm get-parameter --name "$PARAMETER_NAME" --query Parameter.Value --output text)
aws ssm put-parameter --name "$PARAMETER_NAME" --value "$IMAGE_TAG" --type String --overwrite >/dev/null

restore() {
  echo "release of $IMAGE_TAG to $STACK_NAME failed; $PARAMETER_NAME restored to $previous" >&2
  aws ssm put-parameter --name "$PARAMETER_NAME" --value "$previous" --type String --overwrite >/dev/null
  exit 1
}

parameters=()
for key in $(aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Parameters[].ParameterKey' --output text); do
  [[ "$key" == None ]] && continue # the CLI's text output for "no parameters"
  parameters+=("ParameterKey=$key,UsePreviousValue=true")
done

if ! output=$(aws cloudformation update-stack --stack-name "$STACK_NAME" --use-previous-template \
  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --parameters "${parameters[@]}" 2>&1); then
  # A retried release whose tag the stack already runs: nothing to do.
  if [[ "$output" == *"No updates are to be performed"* ]]; then
    echo "$STACK_NAME already runs $REPOSITORY_NAME:$IMAGE_TAG"
    exit 0
  fi
  echo "$output" >&2
  restore
fi
aws cloudformation wait stack-update-complete --stack-name "$STACK_NAME" || restore

# A check that cannot be made counts as a failed release: the previous tag goes back too.
service_state=$(aws ecs describe-services --cluster "$CLUSTER_NAME" --services "$SERVICE_NAME" \
  --query "services[0].[taskDefinition, deployments[?status=='PRIMARY'] | [0].rolloutState]" --output text) || restore
read -r task_definition rollout <<<"$service_state" || restore
image=$(aws ecs describe-task-definition --task-definition "$task_definition" \
  --query 'taskDefinition.containerDefinitions[0].image' --output text) || restore
if [[ "$image" != *":$IMAGE_TAG" || "$rollout" != COMPLETED ]]; then
  echo "ECS rolled $SERVICE_NAME back: it runs $image (deployment $rollout)" >&2
  restore
fi
echo "$STACK_NAME now runs $REPOSITORY_NAME:$IMAGE_TAG"
