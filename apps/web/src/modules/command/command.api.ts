import { useQuery } from '@tanstack/react-query';
import type {
  ChangeResponseLevelInput,
  CreateTaskInput,
  DispatchEquipmentInput,
  DispatchMaterialInput,
  EquipmentAllocationDto,
  LaunchResponseInput,
  MaterialDispatchDto,
  PageOf,
  ResponseDto,
  ReturnEquipmentInput,
  ReturnMaterialInput,
  StockLineDto,
  TaskDto,
  TaskStatus,
  TerminateResponseInput,
  UpdateTaskInput,
  UserDto,
} from '@vigil/shared';
import { http } from '../../lib/api';

export const COMMAND_KEY = ['command'] as const;
export const responsesKey = (incidentId: string) => [...COMMAND_KEY, 'responses', incidentId] as const;
export const responseKey = (id: string) => [...COMMAND_KEY, 'response', id] as const;
export const responseTasksKey = (id: string) => [...COMMAND_KEY, 'response', id, 'tasks'] as const;
export const MY_TASKS_KEY = [...COMMAND_KEY, 'mine'] as const;
export const materialsKey = (taskId: string) => [...COMMAND_KEY, 'materials', taskId] as const;
export const taskEquipmentKey = (taskId: string) => [...COMMAND_KEY, 'equipment', taskId] as const;

export const fetchResponses = (incidentId: string) => http.get<{ items: ResponseDto[] }>('/responses', { incidentId }).then((r) => r.items);
export const fetchResponse = (id: string) => http.get<ResponseDto>(`/responses/${id}`);
export const launchResponse = (incidentId: string, body: LaunchResponseInput) =>
  http.post<ResponseDto>(`/incidents/${incidentId}/responses`, body);
export const changeResponseLevel = (id: string, body: ChangeResponseLevelInput) => http.post<ResponseDto>(`/responses/${id}/level`, body);
export const terminateResponse = (id: string, body: TerminateResponseInput) => http.post<ResponseDto>(`/responses/${id}/terminate`, body);

export const fetchResponseTasks = (id: string) => http.get<{ items: TaskDto[] }>(`/responses/${id}/tasks`).then((r) => r.items);
export const createTask = (responseId: string, body: CreateTaskInput) => http.post<TaskDto>(`/responses/${responseId}/tasks`, body);
export const updateTask = (id: string, body: UpdateTaskInput) => http.patch<TaskDto>(`/tasks/${id}`, body);
export const fetchMyTasks = () => http.get<{ items: TaskDto[] }>('/tasks/mine').then((r) => r.items);
export const transitionTask = (id: string, body: { to: TaskStatus; version: number; reason?: string }) =>
  http.post<TaskDto>(`/tasks/${id}/transition`, body);
export const addTaskFeedback = (id: string, note: string) => http.post<TaskDto>(`/tasks/${id}/feedback`, { note });
/** Uploads a photo of the task (multipart, field `file`); answers with the task and its photos. */
export const uploadTaskPhoto = (id: string, file: File) => http.upload<TaskDto>(`/tasks/${id}/photos`, file, file.name || 'photo.jpg');

export const fetchMaterials = (taskId: string) =>
  http.get<{ items: MaterialDispatchDto[] }>(`/tasks/${taskId}/materials`).then((r) => r.items);
export const dispatchMaterial = (taskId: string, body: DispatchMaterialInput) =>
  http.post<MaterialDispatchDto>(`/tasks/${taskId}/materials`, body);
export const returnMaterial = (taskId: string, dispatchId: string, body: ReturnMaterialInput) =>
  http.post<MaterialDispatchDto>(`/tasks/${taskId}/materials/${dispatchId}/return`, body);
export const fetchTaskEquipment = (taskId: string) =>
  http.get<{ items: EquipmentAllocationDto[] }>(`/tasks/${taskId}/equipment`).then((r) => r.items);
export const dispatchEquipment = (taskId: string, body: DispatchEquipmentInput) =>
  http.post<EquipmentAllocationDto>(`/tasks/${taskId}/equipment`, body);
export const returnEquipment = (taskId: string, allocationId: string, body: ReturnEquipmentInput) =>
  http.post<EquipmentAllocationDto>(`/tasks/${taskId}/equipment/${allocationId}/return`, body);

/** Stock lines of a warehouse to dispatch from (the resources module's API). */
export const fetchStockLines = (warehouseId: string) =>
  http.get<PageOf<StockLineDto>>(`/warehouses/${warehouseId}/stock`, { limit: 200 }).then((r) => r.items);
/** Active users to pick as command post members or task assignees (needs `user.read`). */
export const fetchActiveUsers = () => http.get<PageOf<UserDto>>('/users', { limit: 500, status: 'active' }).then((r) => r.items);

export function useResponse(id: string) {
  return useQuery({ queryKey: responseKey(id), queryFn: () => fetchResponse(id), enabled: !!id, meta: { silent: true } });
}

export function useResponseTasks(id: string) {
  return useQuery({ queryKey: responseTasksKey(id), queryFn: () => fetchResponseTasks(id), enabled: !!id });
}
